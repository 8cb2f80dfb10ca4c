package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Walks the {@link CommandTable} for one command line. The root keeps the wrapper's parsing (SPEC
 * 2.2: unknown tokens go to claude); below it every node accepts only its own flags, so a typo is a
 * usage error (exit 2) instead of being ignored, and {@code --help}/{@code -h} always prints that
 * node's help and does nothing else.
 */
final class CommandLine {
  private CommandLine() {}

  static int run(List<String> args, Environment environment)
      throws UserFacingException, UsageException {
    Command root = CommandTable.ROOT;
    if (!args.isEmpty()) {
      Optional<Command> sub = root.child(args.getFirst());
      if (sub.isPresent()) {
        return node(sub.get(), List.of(args.getFirst()), rest(args), environment);
      }
    }
    WrapperOptions options = ArgParser.parse(args);
    return root.handler()
        .orElseThrow()
        .run(new Invocation(List.of(), options, Map.of(), List.of(), args, environment));
  }

  private static int node(Command command, List<String> path, List<String> args, Environment env)
      throws UserFacingException, UsageException {
    if (!command.children().isEmpty() && !args.isEmpty()) {
      Optional<Command> child = command.child(args.getFirst());
      if (child.isPresent()) {
        return node(child.get(), append(path, args.getFirst()), rest(args), env);
      }
      if (args.getFirst().equals("help")) {
        CommandHelp.print(command, path, env.out());
        return 0;
      }
    }
    if (wantsHelp(args)) {
      CommandHelp.print(command, path, env.out());
      return 0;
    }
    if (command.handler().isEmpty()) {
      return missingSubcommand(command, path, args, env.err());
    }
    Invocation call = parse(command, path, args, env);
    if (!call.arguments().isEmpty() && command.arguments().isEmpty()) {
      if (!command.children().isEmpty()) {
        return missingSubcommand(command, path, call.arguments(), env.err());
      }
      throw new UsageException(
          String.join(" ", path)
              + ": unexpected argument \""
              + call.arguments().getFirst()
              + "\" (see databricks-claude "
              + String.join(" ", path)
              + " --help)");
    }
    return command.handler().get().run(call);
  }

  private static int missingSubcommand(
      Command command, List<String> path, List<String> args, PrintStream err) {
    String where = String.join(" ", path);
    if (args.isEmpty()) {
      err.println(
          "databricks-claude: '"
              + where
              + "' needs a subcommand: "
              + command.children().stream().map(Command::name).collect(Collectors.joining(", ")));
    } else {
      err.println(
          "databricks-claude: unknown " + where + " subcommand \"" + args.getFirst() + "\"");
    }
    err.println();
    CommandHelp.print(command, path, err);
    return 2;
  }

  /** {@code --help}, {@code -h} or a true {@code --help=…} before any {@code --}. */
  static boolean wantsHelp(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
      if (a.startsWith("--help=") && isTrue(a.substring("--help=".length()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The node's flags, parsed as the Go v2.0 tool does except that unknown flags are errors: {@code
   * --f=v} or {@code --f v}, a switch's {@code =false|0|no} turns it off, the last occurrence wins,
   * {@code --} ends the flags.
   */
  static Invocation parse(Command command, List<String> path, List<String> args, Environment env)
      throws UsageException {
    WrapperOptions options = new WrapperOptions();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (token.equals("--")) {
        arguments.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!token.startsWith("-") || token.equals("-")) {
        arguments.add(token);
        continue;
      }
      int eq = token.indexOf('=');
      String name = eq < 0 ? token : token.substring(0, eq);
      String attached = eq < 0 ? null : token.substring(eq + 1);
      Optional<Flag> flag =
          name.startsWith("--")
              ? command.flag(name.substring(2))
              : name.length() == 2 ? command.shortFlag(name.substring(1)) : Optional.empty();
      if (flag.isEmpty()) {
        throw new UsageException(
            String.join(" ", path)
                + ": unknown flag "
                + name
                + " (see databricks-claude "
                + String.join(" ", path)
                + " --help)");
      }
      Flag f = flag.get();
      String value = attached;
      if (f.takesValue() && value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        value = ArgParser.separateValue(name, args.get(++i));
      }
      values.put(f.name(), value == null ? "" : value);
      ArgParser.set(f, name, options, value);
    }
    return new Invocation(path, options, values, arguments, args, env);
  }

  /** A switch is on unless given as {@code =false}, {@code =0} or {@code =no}. */
  static boolean isOn(Invocation call, String name) {
    return call.value(name).map(v -> v.isEmpty() || isTrue(v)).orElse(false);
  }

  private static boolean isTrue(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    return !(lower.equals("false") || lower.equals("0") || lower.equals("no"));
  }

  private static List<String> rest(List<String> args) {
    return args.subList(1, args.size());
  }

  private static List<String> append(List<String> path, String word) {
    List<String> next = new ArrayList<>(path);
    next.add(word);
    return List.copyOf(next);
  }
}
