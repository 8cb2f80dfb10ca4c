package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --daemon} and the mode-less v2 unit line as real processes. */
class DaemonProcessTest {
  private static final String TOKEN = "tok-daemon-17";
  private static final Duration START = Duration.ofSeconds(60);
  @TempDir Path root;
  private ScriptedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private Process daemon;
  private int port;
  private Path log;
  private Path stderr;

  @BeforeEach
  void setUp() throws Exception {
    gateway = ScriptedGateway.start();
    home = TestHome.create(root);
    // The profiles these tests name exist, as `databricks auth login` leaves them.
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[DEFAULT]\nhost = https://example.cloud.databricks.com\n[team]\n[prod]\n");
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), TOKEN);
    port = Ports.free();
    log = root.resolve("logs/daemon.log");
    stderr = root.resolve("stderr");
  }

  @AfterEach
  void tearDown() {
    if (daemon != null && daemon.isAlive()) {
      daemon.destroyForcibly();
    }
    gateway.close();
  }

  private Process start(String... args) throws Exception {
    daemon = DaemonLaunch.start(home, cli, stderr, List.of(args));
    return daemon;
  }

  private HealthProbe.Health awaitHealthy() throws Exception {
    String said = "";
    var health = DaemonLaunch.awaitHealth(daemon, port, START);
    if (health.isEmpty()) {
      said = read(stderr);
    }
    assertThat(health).as("daemon did not come up: " + said).isPresent();
    return health.get();
  }

  @Test
  void servesWithTheTokenAndSaysItIsTheDaemonWithoutTouchingSettings() throws Exception {
    start("serve", "--daemon", "--port=" + port, "--log-file=" + log);

    HealthProbe.Health health = awaitHealthy();
    LoopbackHttp.Reply body = LoopbackHttp.send(port, "GET", "/health", Duration.ofSeconds(5));
    LoopbackHttp.Reply models = LoopbackHttp.send(port, "GET", "/v1/models", Duration.ofSeconds(5));
    LoopbackHttp.Reply shutdown =
        LoopbackHttp.send(port, "POST", "/shutdown", Duration.ofSeconds(5));

    assertThat(health.daemon()).isTrue();
    assertThat(health.profile()).isEqualTo("DEFAULT");
    assertThat(health.pid()).isEqualTo(daemon.pid());
    assertThat(body.body())
        .startsWith("{\"daemon\":true,\"pid\":" + daemon.pid() + ",\"profile\":\"DEFAULT\"")
        .contains("\"status\":\"ok\",\"token_valid_until\":\"2099-01-01T00:00:00Z\"")
        .contains("\"tool\":\"databricks-claude\",\"uptime_s\":")
        .endsWith("}\n");
    assertThat(models.status()).isEqualTo(200);
    assertThat(gateway.requests().getLast().header("authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(shutdown.status()).isEqualTo(404);
    assertThat(shutdown.body()).isEqualTo("404 page not found\n");
    assertThat(gateway.requests()).noneMatch(r -> r.path().contains("shutdown"));
    assertThat(home.settings()).doesNotExist();
    assertThat(daemon.isAlive()).isTrue();
    assertThat(read(log)).contains("serve: listening on http://127.0.0.1:" + port);
  }

  @Test
  void sigtermLetsAHeldStreamFinishThenExitsZero() throws Exception {
    List<String> before = List.of("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      after.add("event: content_block_delta\ndata: {\"i\":" + i + "}\n\n");
    }
    after.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    CountDownLatch release = new CountDownLatch(1);
    gateway.script(TestReplies.held(before, release, after));
    start("serve", "--daemon", "--port=" + port, "--log-file=" + log);
    awaitHealthy();

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = response.body();
    byte[] first = new byte[before.getFirst().length()];
    assertThat(in.readNBytes(first, 0, first.length)).isEqualTo(first.length);
    daemon.destroy(); // SIGTERM
    awaitLine(log, "received SIGTERM");
    release.countDown();
    String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);

    assertThat(new String(first, StandardCharsets.UTF_8) + rest)
        .isEqualTo(String.join("", before) + String.join("", after));
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isZero();
    assertThat(Ports.listening(port)).isFalse();
  }

  @Test
  void notLoggedInExitsOneWithTheFixOnStderrAndInTheLogWithoutVerbose() throws Exception {
    cli.failTokenUntilLogin();
    start("serve", "--daemon", "--port=" + port, "--profile=team", "--log-file=" + log);

    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String fix = "run 'databricks auth login --profile team'";
    assertThat(daemon.exitValue()).isEqualTo(1);
    assertThat(read(stderr)).contains(fix).contains("profile \"team\" is not logged in");
    assertThat(read(log)).contains(fix);
    assertThat(Ports.listening(port)).isFalse();
  }

  @Test
  void aTakenPortIsAnErrorNotAFallback() throws Exception {
    try (ServerSocket _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      start("serve", "--daemon", "--port=" + port, "--log-file=" + log);

      assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(daemon.exitValue()).isEqualTo(1);
      assertThat(read(stderr)).contains("port " + port + " unavailable");
      assertThat(read(log)).contains("port " + port + " unavailable");
    }
  }

  @Test
  void theModeLessLineOfAV2UnitRunsTheDaemon() throws Exception {
    start(
        "serve",
        "--port=" + port,
        "--profile=DEFAULT",
        "--log-file=" + log,
        "--otel-metrics-table=main.t.metrics");

    HealthProbe.Health health = awaitHealthy();
    LoopbackHttp.Reply otel =
        LoopbackHttp.send(port, "POST", "/otel/v1/metrics", Duration.ofSeconds(5));

    assertThat(health.daemon()).isTrue();
    assertThat(otel.status()).isEqualTo(200);
    assertThat(gateway.requests().getLast().header("x-databricks-uc-table-name"))
        .isEqualTo("main.t.metrics");
    assertThat(read(log)).contains("serve: otel-metrics-table=main.t.metrics");
  }

  private static void awaitLine(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!read(file).contains(text)) {
      assertThat(System.nanoTime()).as("waiting for '" + text + "'").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static String read(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
