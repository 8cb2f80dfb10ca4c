package io.github.dbclaude.cli;

import io.github.dbclaude.platform.Environment;

/**
 * {@code completion <bash|zsh|fish>}: prints the script; touches no file, network or state, so it
 * is safe in sandboxes and package build scripts.
 */
final class CompletionCommand {
  private CompletionCommand() {}

  static int run(Invocation call) {
    Environment environment = call.environment();
    String shell = call.value("shell").orElse("");
    for (String a : call.arguments()) {
      shell = a;
    }
    if (shell.isEmpty()) {
      environment.err().println("Usage: databricks-claude completion <bash|zsh|fish>");
      return 1;
    }
    String script =
        switch (shell) {
          case "bash" -> CompletionScripts.bash(CommandTable.ROOT);
          case "zsh" -> CompletionScripts.zsh(CommandTable.ROOT);
          case "fish" -> CompletionScripts.fish(CommandTable.ROOT);
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
