package io.github.dbclaude.cli;

import io.github.dbclaude.platform.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed sub-command line.
 *
 * @param path the words that chose the command ({@code [config, otel, enable]})
 * @param options the flags bound to wrapper options, applied in order (the last one wins)
 * @param values every flag given, by long name, with its last value ({@code ""} for a switch)
 * @param arguments the positional words
 * @param raw the arguments after the command words, as typed
 * @param environment the outside world
 */
record Invocation(
    List<String> path,
    WrapperOptions options,
    Map<String, String> values,
    List<String> arguments,
    List<String> raw,
    Environment environment) {

  boolean given(String name) {
    return values.containsKey(name);
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** {@code databricks-claude config otel enable}, for messages. */
  String commandLine() {
    return path.isEmpty() ? "databricks-claude" : "databricks-claude " + String.join(" ", path);
  }
}
