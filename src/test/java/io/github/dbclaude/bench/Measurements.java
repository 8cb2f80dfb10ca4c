package io.github.dbclaude.bench;

import io.github.dbclaude.demo.ScriptedGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link Regime} against the gateway directly and through the proxy, alternating the two
 * in blocks, and adds its rows (with the issue-18 targets) to a {@link Report}.
 */
final class Measurements {
  static final int CONCURRENCY = 8;
  static final long LARGE = 50L * 1024 * 1024;
  private static final int DIRECT = 0;
  private static final int PROXIED = 1;

  private final ScriptedGateway gateway;
  private final Workloads work;
  private final ProxyProcess proxy;
  private final Report report;
  private final Target[] both;

  /** Gateway connections opened while only that target was sending: [direct, proxied]. */
  private final int[] connections = new int[2];

  Measurements(
      ScriptedGateway gateway, ProxyProcess proxy, Report report, Target direct, Target proxied) {
    this.gateway = gateway;
    this.work = new Workloads(gateway);
    this.proxy = proxy;
    this.report = report;
    this.both = new Target[] {direct, proxied};
  }

  /** Upstream connections the proxy opened so far while the benchmark was booking them. */
  int proxyConnections() {
    return connections[PROXIED];
  }

  void run(Regime regime) throws Exception {
    report.section(regime.title());
    latency(regime);
    firstEvent(regime);
    stream(regime);
    throughput(regime);
    large(regime);
  }

  /** About 20,000 requests of every kind on both paths, not measured. */
  void warmUp(int requests) throws Exception {
    progress("warming up");
    for (Target target : both) {
      booked(target, () -> work.sequential(target, requests / 4));
      booked(target, () -> work.throughput(target, CONCURRENCY, requests / 2));
      booked(target, () -> work.largeDownload(target, LARGE));
      booked(target, () -> work.firstEvent(target, 50));
      for (int i = 0; i < 10; i++) {
        booked(target, () -> work.stream(target, Regime.STREAM_EVENTS));
      }
    }
  }

  private void latency(Regime regime) throws Exception {
    progress(regime.title() + ": latency");
    List<List<long[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
    int proxiedSoFar = 0;
    for (int round = 0; round < regime.latencyRounds(); round++) {
      for (int t = DIRECT; t <= PROXIED; t++) {
        Target target = both[t];
        samples.get(t).add(booked(target, () -> work.sequential(target, regime.latencyBlock())));
      }
      proxiedSoFar += regime.latencyBlock();
      if (regime.rssAfter() > 0 && proxiedSoFar == regime.rssAfter()) {
        report.atMost(
            "proxy RSS after its first " + String.format("%,d", proxiedSoFar) + " requests",
            "",
            proxy.rssKib() / 1024.0,
            "MB",
            64);
      }
    }
    long[] direct = Workloads.concat(samples.get(DIRECT));
    long[] proxied = Workloads.concat(samples.get(PROXIED));
    String n = String.format("%,d", regime.latencyRequests());
    report.added(
        "small request, latency p50 (" + n + " sequential keep-alive each)",
        Workloads.percentile(direct, 50) / 1e3,
        Workloads.percentile(proxied, 50) / 1e3,
        "µs",
        150);
    report.added(
        "small request, latency p99 (same requests)",
        Workloads.percentile(direct, 99) / 1e3,
        Workloads.percentile(proxied, 99) / 1e3,
        "µs",
        1_000);
  }

  private void firstEvent(Regime regime) throws Exception {
    progress(regime.title() + ": time to first SSE event");
    List<List<long[]>> samples = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round < regime.firstEventRounds(); round++) {
      for (int t = DIRECT; t <= PROXIED; t++) {
        Target target = both[t];
        samples.get(t).add(booked(target, () -> work.firstEvent(target, 25)));
      }
    }
    long[] direct = Workloads.concat(samples.get(DIRECT));
    long[] proxied = Workloads.concat(samples.get(PROXIED));
    report.added(
        "time to first SSE event p50 (" + direct.length + " each)",
        Workloads.percentile(direct, 50) / 1e3,
        Workloads.percentile(proxied, 50) / 1e3,
        "µs",
        1_000);
  }

  private void stream(Regime regime) throws Exception {
    progress(regime.title() + ": SSE streams");
    long[][] nanos = new long[2][regime.streamRounds()];
    for (int round = 0; round < regime.streamRounds(); round++) {
      for (int t = DIRECT; t <= PROXIED; t++) {
        Target target = both[t];
        nanos[t][round] = booked(target, () -> work.stream(target, Regime.STREAM_EVENTS));
      }
    }
    report.timeRatio(
        String.format(
            "%,d-event SSE stream, total time (median of %d)",
            Regime.STREAM_EVENTS, regime.streamRounds()),
        Workloads.percentile(nanos[DIRECT], 50) / 1e6,
        Workloads.percentile(nanos[PROXIED], 50) / 1e6,
        "ms",
        1.0);
  }

  private void throughput(Regime regime) throws Exception {
    progress(regime.title() + ": throughput");
    double[] best = new double[2];
    // CPU nanos per request: [direct bench JVM, proxied bench JVM, proxy JVM], over all rounds.
    double[] cpu = new double[3];
    int requests = regime.throughputRequests();
    int before = connections[PROXIED];
    for (int round = 0; round < regime.throughputRounds(); round++) {
      for (int t = DIRECT; t <= PROXIED; t++) {
        Target target = both[t];
        long ownBefore = ownCpuNanos();
        long proxyBefore = proxy.cpuNanos();
        double rate = booked(target, () -> work.throughput(target, CONCURRENCY, requests));
        best[t] = Math.max(best[t], rate);
        double perRequest = 1.0 / regime.throughputRounds() / requests;
        cpu[t] += (ownCpuNanos() - ownBefore) * perRequest;
        if (t == PROXIED) {
          cpu[2] += (proxy.cpuNanos() - proxyBefore) * perRequest;
        }
      }
    }
    int total = requests * regime.throughputRounds();
    report.ratio(
        String.format(
            "throughput at c=%d, %,d small requests (best of %d)",
            CONCURRENCY, requests, regime.throughputRounds()),
        best[DIRECT],
        best[PROXIED],
        "req/s",
        0.65);
    report.atMost(
        String.format("upstream connections the proxy opened for its %,d requests at c=8", total),
        "",
        connections[PROXIED] - before,
        "",
        2 * CONCURRENCY);
    report.info(
        "CPU per request at c=" + CONCURRENCY + " (bench JVM = load clients + gateway)",
        Report.num(cpu[0] / 1e3) + " µs bench JVM",
        Report.num(cpu[1] / 1e3) + " µs bench JVM + " + Report.num(cpu[2] / 1e3) + " µs proxy JVM",
        "");
  }

  private void large(Regime regime) throws Exception {
    progress(regime.title() + ": 50 MiB downloads");
    double[] best = new double[2];
    for (int round = 0; round < regime.largeRounds(); round++) {
      for (int t = DIRECT; t <= PROXIED; t++) {
        Target target = both[t];
        best[t] = Math.max(best[t], booked(target, () -> work.largeDownload(target, LARGE)));
      }
    }
    report.ratio(
        "50 MiB streamed body (best of " + regime.largeRounds() + ")",
        best[DIRECT],
        best[PROXIED],
        "MB/s",
        0.5);
  }

  /** A step whose result is kept. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs {@code step} and books the gateway connections it caused to {@code target}. */
  private <T> T booked(Target target, Step<T> step) throws Exception {
    int before = gateway.connectionsOpened();
    T result = step.run();
    connections[target.equals(both[DIRECT]) ? DIRECT : PROXIED] +=
        gateway.connectionsOpened() - before;
    return result;
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  static void progress(String phase) {
    System.err.println("[bench] " + phase + " …");
  }
}
