package io.github.dbclaude.bench;

/**
 * How much of each measurement one table takes. Every measurement alternates direct and proxied
 * blocks so that background load hits both columns.
 *
 * @param title the table's heading
 * @param latencyRounds rounds of {@code latencyBlock} sequential small requests per path
 * @param rssAfter proxied requests after which the proxy's RSS is read (0: not read)
 * @param firstEventRounds rounds of 25 time-to-first-event runs per path
 * @param streamRounds rounds of one {@link #STREAM_EVENTS}-event SSE answer per path
 * @param largeRounds rounds of one 50 MiB download per path
 * @param throughputRounds rounds of {@code throughputRequests} requests at concurrency 8 per path
 */
record Regime(
    String title,
    int latencyRounds,
    int latencyBlock,
    int rssAfter,
    int firstEventRounds,
    int streamRounds,
    int largeRounds,
    int throughputRounds,
    int throughputRequests) {
  static final int STREAM_EVENTS = 2_000;

  /**
   * The life users see: a proxy fresh from its launcher (as Claude Code starts it), measured over
   * its first few thousand requests, JIT warm-up included.
   */
  static Regime cold() {
    return new Regime(
        "Cold: a fresh proxy over its first ~7,000 requests", 12, 250, 1_000, 2, 10, 2, 2, 2_000);
  }

  /** The same proxy after {@code ProxyBenchmark}'s warm-up of about 20,000 more requests. */
  static Regime warm(int throughputRequests) {
    return new Regime(
        "Warm: the same proxy after ~20,000 more requests",
        4,
        2_500,
        0,
        8,
        10,
        3,
        2,
        throughputRequests);
  }

  int latencyRequests() {
    return latencyRounds * latencyBlock;
  }
}
