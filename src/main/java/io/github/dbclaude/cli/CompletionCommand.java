package io.github.dbclaude.cli;

import io.github.dbclaude.platform.Environment;
import java.util.List;

/**
 * {@code completion <bash|zsh|fish>} (SPEC 12.3): prints the script; touches no file, network or
 * state, so it is safe in sandboxes and package build scripts.
 */
final class CompletionCommand {
  private CompletionCommand() {}

  static int run(List<String> args, Environment environment) {
    String shell = "";
    for (String a : args) {
      shell = a.startsWith("--shell=") ? a.substring("--shell=".length()) : a;
    }
    if (shell.isEmpty()) {
      environment.err().println("Usage: databricks-claude completion <bash|zsh|fish>");
      return 1;
    }
    String script =
        switch (shell) {
          case "bash" -> CompletionScripts.bash(FlagTable.FLAGS);
          case "zsh" -> CompletionScripts.zsh(FlagTable.FLAGS);
          case "fish" -> CompletionScripts.fish(FlagTable.FLAGS);
          default -> null;
        };
    if (script == null) {
      environment
          .err()
          .println(
              "databricks-claude completion: unknown shell \""
                  + shell
                  + "\" (supported: bash zsh fish)");
      return 1;
    }
    environment.out().print(script);
    environment.out().flush();
    return 0;
  }
}
