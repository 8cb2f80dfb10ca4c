package io.github.dbclaude.log;

/**
 * The debug log: discarded unless {@code --verbose} or {@code --log-file} asks for it. Callers pass
 * messages that never contain a token; sinks also run every line through {@link Redactor} as a
 * second line of defence.
 */
public interface Log {
  /** Writes one line when the log is enabled. */
  void debug(String message);

  /** True when lines go somewhere; lets callers skip building expensive messages. */
  boolean enabled();

  /** A log that drops everything. */
  static Log discard() {
    return Discard.INSTANCE;
  }

  /** The log that drops everything. */
  enum Discard implements Log {
    INSTANCE;

    @Override
    public void debug(String message) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
