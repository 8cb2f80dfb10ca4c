package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.lifecycle.ProxyLease;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.SessionOwner;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2.0 trees {@code config …}, {@code hooks install|uninstall} and {@code status}. */
class ConfigCommandsTest {
  private static final String TOKEN = "tok-config-4d2e";
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), "https://ws.example.com", TOKEN);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    Environment environment =
        TestEnvironments.captured(home.environment(cli.directory()), home, out, err);
    return Main.run(List.of(args), environment);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String settings() throws Exception {
    return Files.readString(home.settings());
  }

  private String state() throws Exception {
    return Files.exists(home.stateFile()) ? Files.readString(home.stateFile()) : "";
  }

  @Test
  void otelDisableStaysOffKeepsTheTablesAndEnableRestoresThem() throws Exception {
    assertThat(run("config", "otel", "enable", "--metrics-table", "c.s.x_otel_metrics"))
        .as(err())
        .isZero();
    assertThat(err())
        .isEqualTo(
            "databricks-claude: OTEL enabled (profile=DEFAULT, base_url=http://127.0.0.1:49153,"
                + " metrics=c.s.x_otel_metrics, logs=c.s.x_otel_logs, traces=(none))\n");
    assertThat(settings())
        .contains("\"CLAUDE_OTEL_UC_METRICS_TABLE\": \"c.s.x_otel_metrics\"")
        .contains("\"CLAUDE_OTEL_UC_LOGS_TABLE\": \"c.s.x_otel_logs\"")
        .contains("\"CLAUDE_CODE_ENABLE_TELEMETRY\": \"1\"");

    assertThat(run("config", "otel", "disable")).isZero();
    assertThat(err()).contains("OTEL disabled for future sessions (table names kept");
    assertThat(settings()).doesNotContain("OTEL").doesNotContain("TELEMETRY");
    assertThat(state()).contains("c.s.x_otel_metrics").contains("\"otel_disabled\"");

    assertThat(run("config", "otel", "enable")).isZero();
    assertThat(settings()).contains("\"CLAUDE_OTEL_UC_METRICS_TABLE\": \"c.s.x_otel_metrics\"");
    assertThat(state()).doesNotContain("otel_disabled");
    assertThat(cli.calls()).as("no login, no network").isEmpty();
  }

  @Test
  void otelDisableOfOneSignalSaysSoPerSignal() throws Exception {
    run("config", "otel", "enable", "--traces-table=c.s.spans");
    assertThat(run("config", "otel", "disable", "--logs", "--traces")).isZero();
    assertThat(err())
        .isEqualTo(
            "databricks-claude: OTEL logs keys cleared\n"
                + "databricks-claude: OTEL traces keys cleared\n");
    assertThat(settings()).contains("CLAUDE_OTEL_UC_METRICS_TABLE").doesNotContain("TRACES");
  }

  @Test
  void badTableNameIsExitTwoAndNothingIsWritten() throws Exception {
    assertThat(run("config", "otel", "enable", "--metrics-table", "bad table")).isEqualTo(2);
    assertThat(err().lines()).singleElement().asString().contains("catalog.schema.table");
    assertThat(home.settings()).doesNotExist();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void websearchEnableSavesBackendAndBudgetAndDisableClearsThem() throws Exception {
    assertThat(run("config", "websearch", "enable", "--backend", "none", "--fetch-budget=5000"))
        .isZero();
    assertThat(err())
        .startsWith("databricks-claude: websearch enabled (backend=none, fetch-budget=5000).");
    JsonObject saved = (JsonObject) Json.parse(state());
    assertThat(Json.compact(saved))
        .isEqualTo(
            "{\"with_websearch\":true,\"websearch_backend\":\"none\","
                + "\"websearch_fetch_budget\":5000}");

    assertThat(run("config", "websearch", "enable", "--fetch-budget", "-5")).isEqualTo(2);
    assertThat(run("config", "websearch", "enable", "--backend", "bing")).isEqualTo(2);
    assertThat(Json.parse(state())).isEqualTo(saved);

    assertThat(run("config", "websearch", "disable")).isZero();
    assertThat(Json.compact(Json.parse(state()))).isEqualTo("{}");
  }

  @Test
  void configWriteUsesTheGoV2ModelsKeyAndKeepsIt() throws Exception {
    String models =
        "\"models\": {\"opus\": \"workspace.default.my-opus[1m]\","
            + " \"sonnet\": \"system.ai.claude-sonnet-5[1m]\"}";
    Files.writeString(home.stateFile(), "{\"profile\": \"p1\", " + models + "}\n");

    assertThat(run("config", "write", "--port", "50001", "--with-websearch")).as(err()).isZero();

    assertThat(err())
        .isEqualTo(
            "databricks-claude: wrote env block to ~/.claude/settings.json (profile=p1,"
                + " base_url=http://127.0.0.1:50001, websearch=true)\n");
    assertThat(settings())
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:50001\"")
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"workspace.default.my-opus[1m]\"")
        .contains("\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"system.ai.claude-sonnet-5[1m]\"")
        .contains("\"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"databricks-claude-haiku-4-5\"");
    assertThat(state())
        .contains(models.replace(": {", ": {\n    ").substring(0, 10))
        .contains("workspace.default.my-opus[1m]")
        .contains("\"port\": 50001")
        .contains("\"with_websearch\": true");
  }

  @Test
  void hooksInstallOnAHomeWithBothGenerationsLeavesOnePairAndUninstallRemovesAll()
      throws Exception {
    Files.writeString(
        home.settings(),
        "{\"hooks\": {\"SessionStart\": ["
            + entry("databricks-claude --headless-ensure")
            + ", "
            + entry("databricks-claude hooks session-start")
            + ", "
            + entry("echo mine")
            + "], \"SessionEnd\": ["
            + entry("databricks-claude --headless-release")
            + ", "
            + entry("databricks-claude hooks session-end")
            + "]}}\n");

    assertThat(run("hooks", "install", "--port", "50002")).as(err()).isZero();
    String installed = settings();
    assertThat(installed.split("databricks-claude hooks session-start", -1)).hasSize(2);
    assertThat(installed.split("databricks-claude hooks session-end", -1)).hasSize(2);
    assertThat(installed).doesNotContain("--headless").contains("echo mine");

    assertThat(run("--install-hooks", "--port", "50002")).isZero();
    assertThat(settings()).isEqualTo(installed);

    assertThat(run("hooks", "uninstall")).isZero();
    assertThat(settings()).doesNotContain("databricks-claude hooks").contains("echo mine");
  }

  private static String entry(String command) {
    return "{\"matcher\": \"*\", \"hooks\": [{\"type\": \"command\", \"command\": \""
        + command
        + "\"}]}";
  }

  @Test
  void statusWithoutAProxySaysSoAndExitsOne() throws Exception {
    int port = Ports.free();
    assertThat(run("status", "--port", String.valueOf(port))).isEqualTo(1);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("proxy:     not running on port " + port)
        .contains("profile:   DEFAULT")
        .contains("hooks:     not installed")
        .contains("log:       ")
        .doesNotContain(TOKEN);
  }

  @Test
  void statusNamesTheRunningProxyItsSessionsAndTheTokenExpiryButNeverTheToken() throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"), "[p1]\nhost = https://ws.example.com\n");
    Files.writeString(home.stateFile(), "{\"profile\": \"p1\"}\n");
    HttpServer server =
        fakeProxy(
            "{\"pid\":4242,\"tool\":\"databricks-claude\",\"uptime_s\":125,\"version\":\"9.9.9\"}");
    try {
      int port = server.getAddress().getPort();
      // Two live holders join the (fake) proxy answering /health on the port.
      ProxyLease.Spec spec =
          new ProxyLease.Spec(
              port,
              home.tmpDir(),
              p -> List.of("unused"),
              java.util.Map.of(),
              p -> root.resolve("proxy.log"),
              Log.discard(),
              Optional.empty(),
              false,
              ProxyLease.Serves.ANY,
              0);
      Optional<SessionOwner.Owner> alive =
          Optional.of(
              new SessionOwner.Owner(
                  ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant()));
      ProxyLease.acquire(spec, new ProxyLease.Session("session-1", alive));
      ProxyLease.acquire(spec, new ProxyLease.Session("session-2", alive));

      assertThat(run("status", "--port=" + port)).as(err()).isZero();
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(text)
          .contains(
              "proxy:     running on http://127.0.0.1:"
                  + port
                  + " (pid 4242, up 2m5s, version 9.9.9, session mode)")
          .contains("profile:   p1 (from state file)")
          .contains("workspace: https://ws.example.com")
          .contains("sessions:  2 holding the proxy")
          .contains("token:     valid until ")
          .doesNotContain(TOKEN);

      assertThat(run("status", "--json", "--port=" + port)).isZero();
      JsonObject json = (JsonObject) Json.parse(out.toString(StandardCharsets.UTF_8));
      assertThat(json.get("running")).contains(io.github.dbclaude.json.JsonBool.TRUE);
      assertThat(json.string("mode")).contains("session");
      assertThat(json.string("profile")).contains("p1");
      assertThat(Json.compact(json)).doesNotContain(TOKEN);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void statusSaysInOneLineThatTheRunningProxysGatewayDoesNotAnswer() throws Exception {
    int deadGateway = Ports.free(); // nothing listens: the workspace went away
    String upstream = "http://127.0.0.1:" + deadGateway + "/ai-gateway/anthropic";
    HttpServer server =
        fakeProxy(
            "{\"pid\":4242,\"tool\":\"databricks-claude\",\"version\":\"9.9.9\","
                + "\"profile\":\"p1\",\"upstream\":\""
                + upstream
                + "\"}");
    try {
      assertThat(run("status", "--port=" + server.getAddress().getPort())).as(err()).isZero();

      assertThat(out.toString(StandardCharsets.UTF_8))
          .containsPattern(
              "\ngateway:   "
                  + java.util.regex.Pattern.quote(upstream)
                  + " does not answer \\([^\n]*\\) — check [^\n]*\n");
    } finally {
      server.stop(0);
    }
  }

  /** A started loopback server answering {@code /health} with {@code health}, like our proxy. */
  private static HttpServer fakeProxy(String health) throws java.io.IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = (health + "\n").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }
}
