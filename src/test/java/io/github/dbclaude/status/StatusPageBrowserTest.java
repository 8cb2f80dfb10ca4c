package io.github.dbclaude.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import io.github.dbclaude.usage.TokenCounts;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsageRecord;
import io.github.dbclaude.usage.UsageRecorder;
import io.github.dbclaude.usage.UsageWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: headless Chromium (Debian package {@code chromium}, which
 * {@code .ci/run} installs) loads it from a running proxy; the DOM shows the totals, the rows and
 * the charts, a screenshot lands in {@code target/status-page.png}, and a foreign {@code Host} gets
 * nothing.
 */
class StatusPageBrowserTest {
  private static final String TOKEN = "tok-browser-secret-7";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir Path dir;
  private ScriptedGateway gateway;
  private UsageWriter writer;
  private ProxyServer proxy;

  @BeforeEach
  void setUp() throws IOException {
    gateway = ScriptedGateway.start();
    Path database = dir.resolve("usage.db");
    writer = UsageWriter.forFile(database, Clock.systemUTC(), Log.discard());
    UsageRecorder recorder =
        new UsageRecorder(writer, Clock.systemUTC(), System::nanoTime, Log.discard());
    StatusFacts facts =
        new StatusFacts(
            BuildInfo.version(),
            "DEFAULT",
            gateway.baseUrl(),
            dir.resolve("proxy.log").toString(),
            () -> 2,
            () -> Optional.of(Instant.now().plus(Duration.ofMinutes(42))));
    ProxyConfig config =
        new ProxyConfig(
                URI.create(gateway.anthropicUrl()),
                URI.create(gateway.otelUrl()),
                () -> new Token(TOKEN, Instant.now().plus(Duration.ofHours(1))),
                OtelTables.NONE,
                Optional.empty(),
                Log.discard(),
                BuildInfo.version(),
                Optional.empty())
            .withObserver(
                new StatusPages(
                    recorder,
                    writer,
                    database,
                    facts,
                    Clock.system(java.time.ZoneId.systemDefault())));
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    proxy = ProxyServer.start(config, channel);
  }

  @AfterEach
  void tearDown() {
    if (proxy != null) {
      proxy.close();
    }
    writer.close();
    gateway.close();
  }

  @Test
  void chromiumShowsTotalsRowsAndChartsAndSavesAScreenshot() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/run installs it)");
    seedEarlierDays();
    sendRequests(7);
    assertThat(writer.awaitWritten(Duration.ofSeconds(60))).isTrue();
    Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    String dom = chromium("--dump-dom", proxy.url() + "/");
    chromium("--screenshot=" + screenshot, "--window-size=1400,1300", proxy.url() + "/");

    Document page = Jsoup.parse(dom);
    assertThat(page.select("#today-total td.requests").text()).isEqualTo("7");
    assertThat(page.select("#today-total td.errors").text()).isEqualTo("1");
    // The 7 requests of today first, then the 39 seeded ones of earlier days.
    assertThat(page.select("#latest tbody tr")).hasSize(46);
    assertThat(page.select("#latest tbody tr").subList(0, 7))
        .allSatisfy(row -> assertThat(row.text()).contains("b7e1c2d4"));
    assertThat(page.select("#latest tbody tr").get(7).text()).contains("earlier");
    assertThat(page.select("#latest tbody tr").get(0).text()).contains("529 overloaded_error");
    assertThat(page.select("#latest tbody tr").get(1).text()).contains("databricks-claude-sonnet");
    assertThat(page.select("svg#tokens-chart rect.bar")).isNotEmpty();
    assertThat(page.select("svg#cache-chart circle.point")).isNotEmpty();
    assertThat(page.select("#facts").text()).contains("DEFAULT", gateway.baseUrl(), "42 min");
    assertThat(page.select("#in-flight-count").text()).isEqualTo("0");
    assertThat(dom).doesNotContain(TOKEN).doesNotContain("<script");
    assertThat(screenshot).isNotEmptyFile();
  }

  @Test
  void thePageIsRefusedUnderAForeignHost() throws Exception {
    sendRequests(1);
    String raw = rawGet("evil.example:" + proxy.port());
    assertThat(raw).startsWith("HTTP/1.1 403").doesNotContain("<svg");
    assertThat(rawGet("localhost:" + proxy.port())).startsWith("HTTP/1.1 200");

    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/run installs it)");
    // A DNS-rebinding page: a foreign name that resolves to the proxy.
    String dom =
        chromium(
            "--host-resolver-rules=MAP evil.example 127.0.0.1",
            "--dump-dom",
            "http://evil.example:" + proxy.port() + "/");
    assertThat(dom).doesNotContain("tokens-chart").contains("does not name this proxy");
  }

  /** Two models over the last 13 days, so the charts have history (none of it is today's). */
  private void seedEarlierDays() throws IOException {
    List<UsageRecord> records = new ArrayList<>();
    Instant now = Instant.now();
    for (int day = 1; day <= 13; day++) {
      for (int i = 0; i < 3; i++) {
        boolean opus = (day + i) % 3 == 0;
        records.add(
            new UsageRecord(
                now.minus(Duration.ofDays(day)),
                "earlier",
                opus ? "databricks-claude-opus" : "databricks-claude-sonnet",
                200,
                "",
                900,
                300,
                new TokenCounts(200 + 40L * day, 800 + 90L * i, 1500, 4000L + 700L * (day % 5)),
                false,
                true));
      }
    }
    try (UsageDatabase db = UsageDatabase.open(dir.resolve("usage.db"))) {
      db.insert(records, 1);
    }
  }

  private void sendRequests(int count) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < count; i++) {
      if (i == count - 1 && count > 1) {
        gateway.script(
            SimulatedGateway.Reply.status(
                529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}"));
      }
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
              .header("content-type", "application/json")
              .header("x-claude-code-session-id", "b7e1c2d4-session")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"databricks-claude-sonnet\",\"stream\":" + (i % 2 == 0) + "}"))
              .build();
      client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String rawGet(String host) throws IOException {
    try (Socket socket = new Socket()) {
      int port = Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Runs headless Chromium with a fresh profile and returns its standard output. */
  private String chromium(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("chromium.err").toFile())
            .start();
    try {
      assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("chromium finished in time").isTrue();
    } finally {
      process.destroyForcibly();
    }
    return Files.readString(out);
  }
}
