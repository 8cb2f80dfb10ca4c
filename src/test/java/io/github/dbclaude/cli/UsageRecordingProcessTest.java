package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.demo.SimulatedUsage;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code --headless} proxies sharing one HOME record every request into one usage database
 * while requests run through both at once; {@code usage --json} then reports exactly the sums the
 * simulated gateway sent.
 */
class UsageRecordingProcessTest {
  private static final int REQUESTS_PER_PROXY = 40;
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final List<Process> proxies = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), "tok-usage");
  }

  @AfterEach
  void tearDown() {
    proxies.forEach(Process::destroyForcibly);
    gateway.close();
  }

  @Test
  void usageTotalsEqualWhatTheGatewaySentThroughTwoProxiesAtOnce() throws Exception {
    int first = start("one");
    int second = start("two");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Future<Integer>> sent = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < REQUESTS_PER_PROXY * 2; i++) {
        int port = i % 2 == 0 ? first : second;
        boolean stream = i % 3 != 0;
        String session = "session-" + (i % 4);
        sent.add(pool.submit(() -> post(client, port, stream, session)));
      }
      for (Future<Integer> status : sent) {
        assertThat(status.get(120, TimeUnit.SECONDS)).isEqualTo(200);
      }
    }

    JsonObject totals = awaitRecorded(REQUESTS_PER_PROXY * 2);
    SimulatedUsage expected = gateway.usageSent();
    assertThat(number(totals, "requests")).isEqualTo(REQUESTS_PER_PROXY * 2);
    assertThat(number(totals, "input_tokens")).isEqualTo(expected.input());
    assertThat(number(totals, "output_tokens")).isEqualTo(expected.output());
    assertThat(number(totals, "cache_creation_input_tokens")).isEqualTo(expected.cacheCreation());
    assertThat(number(totals, "cache_read_input_tokens")).isEqualTo(expected.cacheRead());
    assertThat(number(totals, "errors")).isZero();
  }

  private int post(HttpClient client, int port, boolean stream, String session) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
            .header("content-type", "application/json")
            .header("x-claude-code-session-id", session)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,\"stream\":"
                        + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** Polls {@code usage --json} (the writers are asynchronous) until all requests are in. */
  private JsonObject awaitRecorded(int requests) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject totals;
    do {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              List.of("usage", "--json", "--since", "1d"),
              TestEnvironments.captured(home, out, err));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      JsonObject report = (JsonObject) Json.parse(out.toString(StandardCharsets.UTF_8));
      JsonArray periods = report.array("periods").orElseThrow();
      totals = ((JsonObject) periods.get(0)).object("totals").orElseThrow();
      if (number(totals, "requests") >= requests) {
        return totals;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return totals;
  }

  private static long number(JsonObject object, String name) {
    return ((JsonNumber) object.get(name).orElseThrow()).asLong();
  }

  private int start(String name) throws Exception {
    int port = Ports.free();
    HeadlessLaunch.Started started =
        HeadlessLaunch.start(
            home, cli, root.resolve(name + ".stderr"), List.of("--headless", "--port=" + port));
    proxies.add(started.process());
    assertThat(started.firstLine()).startsWith("PROXY_URL=");
    return port;
  }
}
