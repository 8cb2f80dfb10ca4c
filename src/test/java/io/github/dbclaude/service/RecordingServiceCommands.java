package io.github.dbclaude.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every service-manager command and answers from a script: the first scripted prefix that
 * an argv starts with decides the result; anything unscripted succeeds with no output.
 */
final class RecordingServiceCommands implements ServiceCommands {
  final List<List<String>> calls = new ArrayList<>();
  private final Map<List<String>, CommandResult> script = new LinkedHashMap<>();

  RecordingServiceCommands answer(CommandResult result, String... prefix) {
    script.put(List.of(prefix), result);
    return this;
  }

  @Override
  public synchronized CommandResult run(List<String> argv) {
    calls.add(List.copyOf(argv));
    for (Map.Entry<List<String>, CommandResult> e : script.entrySet()) {
      List<String> prefix = e.getKey();
      if (argv.size() >= prefix.size() && argv.subList(0, prefix.size()).equals(prefix)) {
        return e.getValue();
      }
    }
    return new CommandResult(0, "");
  }
}
