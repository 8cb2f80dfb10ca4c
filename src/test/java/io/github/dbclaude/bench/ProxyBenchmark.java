package io.github.dbclaude.bench;

import io.github.dbclaude.demo.ScriptedGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Compares requests sent straight to the simulated gateway with the same requests sent through the
 * production proxy (started by the built launcher, its own JVM), and prints Markdown tables against
 * the issue-18 targets: a cold table for a fresh proxy over its first few thousand requests (the
 * life users see), a warm table after about 20,000 more, and the start-up and size figures. Run on
 * demand ({@code mvn -B -q -Pbench package -DskipTests}), never as part of the test suite.
 *
 * <p>System properties: {@code dist.home} (default {@code target/dist}), {@code bench.classes}
 * (default {@code target/test-classes}), {@code bench.out} (default {@code target/bench}), {@code
 * bench.requests} (requests per warm throughput run, default 20000), {@code bench.proxy.opts}
 * (extra JVM options for the proxy, experiments only), {@code bench.skip} (comma-separated: {@code
 * warm}, {@code startup}; for quick experiments).
 */
public final class ProxyBenchmark {
  private static final String TOKEN = "bench-token";

  private ProxyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(System.getProperty("dist.home", "target/dist")).toAbsolutePath();
    Path classes = Path.of(System.getProperty("bench.classes", "target/test-classes"));
    Path outDir = Path.of(System.getProperty("bench.out", "target/bench"));
    int requests = Integer.getInteger("bench.requests", 20_000);
    List<String> skipped = List.of(System.getProperty("bench.skip", "").split(","));
    String started =
        ZonedDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadBefore = loadAverage();
    Report report = new Report();
    try (ScriptedGateway gateway = ScriptedGateway.start()) {
      gateway.acceptTokens(TOKEN);
      Measurements.progress("starting a fresh proxy");
      try (ProxyProcess proxy = ProxyProcess.start(dist, classes, gateway.baseUrl())) {
        Target direct = Target.direct(gateway.baseUrl(), TOKEN);
        Target proxied = Target.proxied(proxy.port());
        Measurements measure = new Measurements(gateway, proxy, report, direct, proxied);
        long startCpu = proxy.cpuNanos();
        measure.run(Regime.cold());
        report.info(
            "proxy start: launcher spawned → `PROXY_URL=` printed (wall / proxy CPU)",
            "",
            Report.num(proxy.readyMillis()) + " ms / " + Report.num(startCpu / 1e6) + " ms",
            "");
        report.info(
            "proxy CPU over the whole cold table",
            "",
            Report.num((proxy.cpuNanos() - startCpu) / 1e6) + " ms",
            "");
        if (!skipped.contains("warm")) {
          measure.warmUp(requests);
          measure.run(Regime.warm(requests));
        }
        report.atMost(
            "upstream connections the proxy opened in its whole life",
            "",
            measure.proxyConnections(),
            "",
            2 * Measurements.CONCURRENCY);
        report.info("proxy RSS at the end of the run", "", mebibytes(proxy.rssKib()), "");
      }
    }
    if (!skipped.contains("startup")) {
      StartupFigures.addTo(report, dist);
    }
    String text =
        "Run "
            + started
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs; benchmark JVM "
            + System.getProperty("java.vm.version")
            + "; proxy: "
            + dist.resolve("bin/databricks-claude")
            + " --headless"
            + proxyOptions()
            + "\nload average before: "
            + loadBefore
            + "; after: "
            + loadAverage()
            + "\n\n"
            + report.markdown();
    System.out.println();
    System.out.println(text);
    Files.createDirectories(outDir);
    Path file =
        outDir.resolve("results-" + started.replaceAll("[^0-9T]", "").substring(0, 15) + ".md");
    Files.writeString(file, text);
    System.out.println("written to " + file + (report.allMet() ? "" : " — some targets missed"));
  }

  private static String proxyOptions() {
    String extra = System.getProperty("bench.proxy.opts", "").trim();
    return extra.isEmpty() ? "" : " with DATABRICKS_CLAUDE_JAVA_OPTS=" + extra;
  }

  private static String mebibytes(long kib) {
    return Report.num(kib / 1024.0) + " MB";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
