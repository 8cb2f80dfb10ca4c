package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenTelemetry end to end: settings keys, state, and export through the proxy. */
class WrapperOtelTest {
  private static final String TOKEN = "tok-otel-0123456789";
  @TempDir Path root;
  private TestWorkspace ws;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private FakeClaude claude;
  private int port;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin-databricks", TOKEN);
    gateway = ws.gateway();
    home = ws.home();
    cli = ws.cli();
    claude = FakeClaude.create(root.resolve("bin-claude"));
    port = Ports.free();
  }

  @AfterEach
  void tearDown() throws Exception {
    LoopbackShutdown.all(port);
    ws.close();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    Environment environment =
        TestEnvironments.captured(
            home.environment(Path.of(claude.directory() + ":" + cli.directory())), home, out, err);
    List<String> argv = new ArrayList<>(List.of("--port=" + port));
    argv.addAll(List.of(args));
    return Main.run(argv, environment);
  }

  /** What the last wrapper run gave its claude through --settings. */
  private String settings() {
    return claude.settingsArg();
  }

  private String state() throws Exception {
    return Files.exists(home.stateFile()) ? Files.readString(home.stateFile()) : "";
  }

  @Test
  void otelExportsReachTheGatewayWithTheTableAndTokenEvenThroughAProxyStartedWithoutOtel()
      throws Exception {
    assertThat(run("--headless-ensure")).as(err.toString()).isZero();

    assertThat(run("--otel", "-p", "hi")).as(err.toString()).isZero();

    assertThat(settings())
        .contains(
            "\"OTEL_EXPORTER_OTLP_LOGS_ENDPOINT\": \"http://127.0.0.1:" + port + "/otel/v1/logs\"")
        .contains("\"CLAUDE_OTEL_UC_METRICS_TABLE\": \"main.claude_telemetry.claude_otel_metrics\"")
        .contains("\"CLAUDE_CODE_ENABLE_TELEMETRY\": \"1\"")
        .doesNotContain("TRACES");
    assertThat(claude.otelStatus()).isEqualTo("200");
    SimulatedGateway.RecordedRequest export =
        gateway.requests().stream()
            .filter(r -> r.path().equals("/api/2.0/otel/v1/logs"))
            .findFirst()
            .orElseThrow();
    assertThat(export.header("X-Databricks-UC-Table-Name"))
        .isEqualTo("main.claude_telemetry.claude_otel_logs");
    assertThat(export.header("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(new String(export.body(), StandardCharsets.UTF_8)).isEqualTo("otlp-logs");
    assertThat(state()).as("defaults and derived names are not saved").doesNotContain("otel");
    assertThat(run("--headless-release")).isZero();
  }

  @Test
  void noOtelLogsStaysOffInLaterRunsWhileMetricsKeepsGoing() throws Exception {
    assertThat(run("--otel-metrics-table=c.s.claude_otel_metrics", "-p", "hi"))
        .as(err.toString())
        .isZero();
    assertThat(settings()).contains("\"CLAUDE_OTEL_UC_LOGS_TABLE\": \"c.s.claude_otel_logs\"");
    assertThat(state()).contains("\"otel_metrics_table\": \"c.s.claude_otel_metrics\"");

    assertThat(run("--no-otel-logs", "-p", "hi")).as(err.toString()).isZero();
    assertThat(err.toString()).contains("databricks-claude: OTEL logs keys cleared");
    assertThat(settings())
        .doesNotContain("OTEL_LOGS")
        .doesNotContain("_LOGS_")
        .contains("\"CLAUDE_OTEL_UC_METRICS_TABLE\": \"c.s.claude_otel_metrics\"");
    assertThat(claude.otelStatus()).isEmpty();

    assertThat(run("-p", "hi")).as(err.toString()).isZero();
    assertThat(settings()).doesNotContain("_LOGS_").contains("\"OTEL_METRICS_EXPORTER\": \"otlp\"");
  }

  @Test
  void noOtelStaysOffInLaterRunsAndOtelRestoresTheKeptTables() throws Exception {
    assertThat(run("--otel-metrics-table=c.s.m", "--otel-traces-table=c.s.t", "-p", "hi"))
        .as(err.toString())
        .isZero();
    assertThat(state()).contains("c.s.m").contains("c.s.t");

    assertThat(run("--no-otel", "-p", "hi")).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains("databricks-claude: OTEL keys cleared — OTEL disabled for future sessions");
    assertThat(run("-p", "hi")).as(err.toString()).isZero();

    assertThat(settings())
        .doesNotContain("OTEL")
        .doesNotContain("TELEMETRY")
        .contains("ANTHROPIC_BASE_URL");
    assertThat(state())
        .contains("\"otel_metrics_table\": \"c.s.m\"")
        .contains("\"otel_traces_table\": \"c.s.t\"")
        .contains("\"otel_disabled\"");

    assertThat(run("--otel", "-p", "hi")).as(err.toString()).isZero();
    assertThat(settings())
        .contains("\"CLAUDE_OTEL_UC_METRICS_TABLE\": \"c.s.m\"")
        .contains("\"CLAUDE_OTEL_UC_TRACES_TABLE\": \"c.s.t\"");
    assertThat(state()).doesNotContain("otel_disabled");
  }

  @Test
  void printEnvListsTheResolvedTables() throws Exception {
    assertThat(run("--print-env", "--otel")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("  OTEL enabled:         true\n")
        .contains("  OTEL metrics table:   main.claude_telemetry.claude_otel_metrics\n")
        .contains("  OTEL metric interval: 10000ms\n")
        .contains("  OTEL logs table:      main.claude_telemetry.claude_otel_logs\n")
        .contains("  OTEL logs interval:   5000ms\n")
        .doesNotContain(TOKEN);
  }
}
