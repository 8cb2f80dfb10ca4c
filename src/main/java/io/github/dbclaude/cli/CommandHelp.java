package io.github.dbclaude.cli;

import java.io.PrintStream;
import java.util.List;

/** The {@code --help} of one sub-command, printed from its {@link Command} node. */
final class CommandHelp {
  private CommandHelp() {}

  static void print(Command command, List<String> path, PrintStream out) {
    String name = "databricks-claude " + String.join(" ", path);
    StringBuilder usage = new StringBuilder("Usage: ").append(name);
    if (!command.children().isEmpty()) {
      usage.append(command.handler().isPresent() ? " [<subcommand>]" : " <subcommand>");
    }
    if (!command.flags().isEmpty()) {
      usage.append(" [flags]");
    }
    if (!command.arguments().isEmpty()) {
      usage.append(' ').append(command.arguments());
    }
    out.println(usage);
    out.println();
    out.println(capitalised(command.summary()) + ".");
    if (!command.children().isEmpty()) {
      out.println();
      out.println("Subcommands:");
      for (Command c : command.children()) {
        out.println(String.format("  %-22s %s", c.name(), c.summary()));
      }
    }
    out.println();
    out.println("Flags:");
    for (Flag f : command.flags()) {
      out.println(flagLine(f));
    }
    out.println(String.format("  %-32s %s", "-h, --help", "show this help"));
    if (!command.children().isEmpty()) {
      out.println();
      out.println("Run '" + name + " <subcommand> --help' for a subcommand's flags.");
    }
  }

  /** One flag as help lists it; shared with the root help. */
  static String flagLine(Flag f) {
    String names = f.shortForm().map(s -> s + ", ").orElse("    ") + "--" + f.name();
    if (f.takesValue()) {
      names += " " + f.valueWord();
    } else if (f.kind() == Flag.Kind.OPTIONAL_BOOL) {
      names += "[=bool]";
    }
    return String.format("  %-32s %s", names, f.help());
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
