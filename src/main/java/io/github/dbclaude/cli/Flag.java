package io.github.dbclaude.cli;

import java.util.Optional;

/**
 * One wrapper flag: the single source for parsing, {@code --help} and the completion scripts.
 *
 * @param name long name without the leading dashes
 * @param shortName one-letter alias without the dash, or empty
 * @param kind how the flag takes its value
 * @param valueWord word shown in help for the value ({@code string}, {@code int}, …), or empty
 * @param help one-line description
 * @param completion how a shell completes the value
 * @param apply stores the parsed value into the options being built
 */
record Flag(
    String name,
    String shortName,
    Kind kind,
    String valueWord,
    String help,
    Completion completion,
    Setter apply) {

  /** How a flag consumes its value. */
  enum Kind {
    /** No value; any {@code =value} is ignored ({@code --verbose=false} still enables). */
    SWITCH,
    /** Takes {@code =value} when non-empty, otherwise the next token. */
    VALUE,
    /** A boolean that takes only an attached {@code =value}; bare means true. */
    OPTIONAL_BOOL
  }

  /** How a shell completes the flag's value. */
  enum Completion {
    NONE,
    FILE,
    PROFILE,
    FREE
  }

  /** Stores a flag's value; throws {@link UsageException} for a value it cannot convert. */
  @FunctionalInterface
  interface Setter {
    void set(WrapperOptions options, String value) throws UsageException;
  }

  boolean takesValue() {
    return kind == Kind.VALUE;
  }

  Optional<String> shortForm() {
    return shortName.isEmpty() ? Optional.empty() : Optional.of("-" + shortName);
  }
}
