package io.github.dbclaude.bench;

import io.github.dbclaude.demo.SimulatedGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares requests sent straight to the simulated gateway with the same requests sent through the
 * proxy (its own JVM), and prints a Markdown table against the performance targets. Run on demand
 * ({@code mvn -B -Pbench package -DskipTests}), never as part of the test suite.
 *
 * <p>System properties: {@code dist.home} (default {@code target/dist}), {@code bench.classes}
 * (default {@code target/test-classes}), {@code bench.out} (default {@code target/bench}), {@code
 * bench.requests} (throughput requests per run, default 20000).
 */
public final class ProxyBenchmark {
  private static final String TOKEN = "bench-token";
  private static final int CONCURRENCY = 8;
  private static final long LARGE = 50L * 1024 * 1024;
  private final SimulatedGateway gateway;
  private final Workloads work;
  private final Report report = new Report();

  /** Gateway connections opened while only that target was sending: [direct, proxied]. */
  private final int[] gatewayConnections = new int[2];

  private final ProxyProcess proxy;

  private ProxyBenchmark(SimulatedGateway gateway, ProxyProcess proxy) {
    this.gateway = gateway;
    this.proxy = proxy;
    this.work = new Workloads(gateway);
  }

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(System.getProperty("dist.home", "target/dist"));
    Path classes = Path.of(System.getProperty("bench.classes", "target/test-classes"));
    Path outDir = Path.of(System.getProperty("bench.out", "target/bench"));
    int requests = Integer.getInteger("bench.requests", 20_000);
    String started =
        ZonedDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    Report report;
    String proxyJava;
    try (SimulatedGateway gateway = SimulatedGateway.start();
        ProxyProcess proxy = ProxyProcess.start(dist, classes, gateway.baseUrl())) {
      gateway.acceptTokens(TOKEN);
      ProxyBenchmark bench = new ProxyBenchmark(gateway, proxy);
      bench.run(Target.direct(gateway.baseUrl(), TOKEN), Target.proxied(proxy.port()), requests);
      report = bench.report;
      proxyJava = proxy.java();
    }
    double version = LauncherTiming.medianMillis(dist, Map.of(), 20);
    double versionNoAot =
        LauncherTiming.medianMillis(
            dist, Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-XX:AOTMode=off"), 20);
    report.atMost("`--version` wall time, median of 20", "", version, "ms", 80);
    report.info(
        "`--version` with `-XX:AOTMode=off`, median of 20",
        "",
        Report.num(versionNoAot) + " ms",
        "");
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    String text =
        "Run "
            + started
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs; benchmark JVM "
            + System.getProperty("java.vm.version")
            + "; proxy JVM "
            + proxyJava
            + " -XX:+UseSerialGC -Xlog:disable\nload average before: "
            + loadBefore
            + "; after: "
            + loadAfter
            + "\n\n"
            + report.markdown();
    System.out.println();
    System.out.println(text);
    Files.createDirectories(outDir);
    Path file =
        outDir.resolve("results-" + started.replaceAll("[^0-9T]", "").substring(0, 15) + ".md");
    Files.writeString(file, text);
    System.out.println("written to " + file + (report.allPass() ? "" : " — some targets missed"));
  }

  private void run(Target direct, Target proxied, int requests) throws Exception {
    Target[] both = {direct, proxied};
    long rssStart = proxy.rssKib();
    timed(proxied, () -> work.sequential(proxied, 1_000));
    long rss1000 = proxy.rssKib();
    progress("warming up");
    for (Target target : both) {
      timed(target, () -> work.sequential(target, 5_000));
      timed(target, () -> work.throughput(target, CONCURRENCY, 5_000));
      timed(target, () -> work.largeDownload(target, LARGE));
      timed(target, () -> work.firstEvent(target, 50));
    }
    latency(both);
    throughput(both, requests);
    large(both);
    firstEvent(both);
    long rssEnd = proxy.rssKib();
    report.info(
        "upstream connections opened (whole run)",
        gatewayConnections[0] + " (by the bench clients)",
        gatewayConnections[1] + " (by the proxy)",
        "");
    report.atMost("proxy RSS after 1,000 requests", "", rss1000 / 1024.0, "MB", 96);
    report.info(
        "proxy RSS at start / at end of the run",
        "",
        Report.num(rssStart / 1024.0) + " / " + Report.num(rssEnd / 1024.0) + " MB",
        "");
  }

  /** Sequential small requests, alternating direct and proxied in blocks so drift hits both. */
  private void latency(Target[] both) throws Exception {
    progress("latency");
    List<List<long[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round < 4; round++) {
      for (int t = 0; t < 2; t++) {
        Target target = both[t];
        samples.get(t).add(timed(target, () -> work.sequential(target, 2_500)));
      }
    }
    long[] direct = Workloads.concat(samples.get(0));
    long[] proxied = Workloads.concat(samples.get(1));
    report.added(
        "latency p50, small request, sequential keep-alive (10,000 each)",
        Workloads.percentile(direct, 50) / 1e3,
        Workloads.percentile(proxied, 50) / 1e3,
        "µs",
        150);
    report.added(
        "latency p99, same requests",
        Workloads.percentile(direct, 99) / 1e3,
        Workloads.percentile(proxied, 99) / 1e3,
        "µs",
        500);
  }

  private void throughput(Target[] both, int requests) throws Exception {
    progress("throughput");
    double[] best = new double[2];
    // CPU nanos per request: [direct bench JVM, proxied bench JVM, proxy JVM], summed over rounds.
    double[] cpu = new double[3];
    int proxiedBefore = gatewayConnections[1];
    for (int round = 0; round < 2; round++) {
      for (int t = 0; t < 2; t++) {
        Target target = both[t];
        long ownBefore = ownCpuNanos();
        long proxyBefore = proxy.cpuNanos();
        best[t] =
            Math.max(best[t], timed(target, () -> work.throughput(target, CONCURRENCY, requests)));
        cpu[t] += (ownCpuNanos() - ownBefore) / 2.0 / requests;
        if (t == 1) {
          cpu[2] += (proxy.cpuNanos() - proxyBefore) / 2.0 / requests;
        }
      }
    }
    report.info(
        "CPU per request at c=" + CONCURRENCY + " (bench JVM = load clients + gateway)",
        Report.num(cpu[0] / 1e3) + " µs bench JVM",
        Report.num(cpu[1] / 1e3) + " µs bench JVM + " + Report.num(cpu[2] / 1e3) + " µs proxy JVM",
        "");
    report.ratio(
        "throughput, "
            + CONCURRENCY
            + " keep-alive clients, "
            + requests
            + " small requests (best of 2)",
        best[0],
        best[1],
        "req/s",
        0.8);
    int upstream = gatewayConnections[1];
    report.atMost(
        "upstream connections opened by the proxy, whole run ("
            + (upstream - proxiedBefore)
            + " during the measured c="
            + CONCURRENCY
            + " runs)",
        "",
        upstream,
        "",
        2 * CONCURRENCY);
  }

  private void large(Target[] both) throws Exception {
    progress("50 MB downloads");
    double[] best = new double[2];
    for (int round = 0; round < 3; round++) {
      for (int t = 0; t < 2; t++) {
        Target target = both[t];
        best[t] = Math.max(best[t], timed(target, () -> work.largeDownload(target, LARGE)));
      }
    }
    report.ratio("50 MiB streamed response (best of 3)", best[0], best[1], "MB/s", 0.5);
  }

  private void firstEvent(Target[] both) throws Exception {
    progress("time to first SSE event");
    List<List<long[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round < 4; round++) {
      for (int t = 0; t < 2; t++) {
        Target target = both[t];
        samples.get(t).add(timed(target, () -> work.firstEvent(target, 50)));
      }
    }
    long[] direct = Workloads.concat(samples.get(0));
    long[] proxied = Workloads.concat(samples.get(1));
    report.added(
        "time to first SSE event p50 (200 each)",
        Workloads.percentile(direct, 50) / 1e3,
        Workloads.percentile(proxied, 50) / 1e3,
        "µs",
        1000);
    report.info(
        "time to first SSE event p99",
        Report.num(Workloads.percentile(direct, 99) / 1e3) + " µs",
        Report.num(Workloads.percentile(proxied, 99) / 1e3) + " µs",
        "");
  }

  /** A step whose result is kept. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs {@code step} and books the gateway connections it caused to {@code target}. */
  private <T> T timed(Target target, Step<T> step) throws Exception {
    int before = gateway.connectionsOpened();
    T result = step.run();
    gatewayConnections[target.name().equals("direct") ? 0 : 1] +=
        gateway.connectionsOpened() - before;
    return result;
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  private static void progress(String phase) {
    System.err.println("[bench] " + phase + " …");
  }
}
