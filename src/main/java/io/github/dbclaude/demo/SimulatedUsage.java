package io.github.dbclaude.demo;

/**
 * The token figures the simulated gateway reports for its {@code n}-th standard answer: they vary
 * from answer to answer (some read the prompt cache, some write it) so sums are worth checking.
 */
public record SimulatedUsage(long input, long output, long cacheCreation, long cacheRead) {
  public static final SimulatedUsage ZERO = new SimulatedUsage(0, 0, 0, 0);

  static SimulatedUsage forAnswer(int n, String text) {
    return new SimulatedUsage(
        12 + n % 5,
        Math.max(1, text.length() / 4),
        n % 3 == 1 ? 1500 : 0,
        n % 3 == 1 ? 0 : 1500 + n);
  }

  SimulatedUsage plus(SimulatedUsage o) {
    return new SimulatedUsage(
        input + o.input,
        output + o.output,
        cacheCreation + o.cacheCreation,
        cacheRead + o.cacheRead);
  }

  /** The {@code usage} object of {@code message_start} or of a JSON answer. */
  String json() {
    return "{\"input_tokens\":"
        + input
        + ",\"cache_creation_input_tokens\":"
        + cacheCreation
        + ",\"cache_read_input_tokens\":"
        + cacheRead
        + ",\"output_tokens\":"
        + output
        + "}";
  }
}
