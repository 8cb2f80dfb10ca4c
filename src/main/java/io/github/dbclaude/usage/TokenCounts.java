package io.github.dbclaude.usage;

/** The four token figures of Anthropic's {@code usage} object. */
public record TokenCounts(long input, long output, long cacheCreation, long cacheRead) {
  public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0);

  public TokenCounts plus(TokenCounts other) {
    return new TokenCounts(
        input + other.input,
        output + other.output,
        cacheCreation + other.cacheCreation,
        cacheRead + other.cacheRead);
  }

  /** Every token counted: fresh input, output and both kinds of cache traffic. */
  public long total() {
    return input + output + cacheCreation + cacheRead;
  }

  /**
   * The share of prompt tokens read from the cache, in [0, 1]; empty when there was no prompt.
   * Prompt tokens are the fresh input plus the cache reads and writes.
   */
  public java.util.OptionalDouble cacheHitRatio() {
    long prompt = input + cacheCreation + cacheRead;
    return prompt == 0
        ? java.util.OptionalDouble.empty()
        : java.util.OptionalDouble.of((double) cacheRead / prompt);
  }
}
