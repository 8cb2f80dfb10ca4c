package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import java.util.List;
import java.util.Optional;

/**
 * One node of the command tree: the single source for dispatch, {@code --help} and the completion
 * scripts (see {@link CommandTable}).
 *
 * @param name the word that selects it ({@code ""} for the root)
 * @param summary one line for the parent's help and the completion descriptions
 * @param arguments the positional words it takes, as help shows them ({@code ""}: none)
 * @param choices the fixed values of its positional word, offered by completion
 * @param flags the flags it accepts; {@code --help}/{@code -h} is implied everywhere
 * @param handler what it runs, or empty for a node that only groups children
 * @param children its sub-commands
 */
record Command(
    String name,
    String summary,
    String arguments,
    List<String> choices,
    List<Flag> flags,
    Optional<Handler> handler,
    List<Command> children) {

  /** Runs a command with its parsed command line; returns the exit status. */
  @FunctionalInterface
  interface Handler {
    int run(Invocation call) throws UserFacingException, UsageException;
  }

  /** A leaf that runs {@code handler}. */
  static Command leaf(String name, String summary, List<Flag> flags, Handler handler) {
    return new Command(name, summary, "", List.of(), flags, Optional.of(handler), List.of());
  }

  /** A node that only groups {@code children}. */
  static Command group(String name, String summary, List<Command> children) {
    return new Command(name, summary, "", List.of(), List.of(), Optional.empty(), children);
  }

  /** This command taking positional {@code arguments} with completion {@code choices}. */
  Command withArguments(String usage, List<String> values) {
    return new Command(name, summary, usage, values, flags, handler, children);
  }

  /** This command with {@code more} as its sub-commands. */
  Command withChildren(List<Command> more) {
    return new Command(name, summary, arguments, choices, flags, handler, more);
  }

  Optional<Command> child(String word) {
    return children.stream().filter(c -> c.name.equals(word)).findFirst();
  }

  Optional<Flag> flag(String longName) {
    return flags.stream().filter(f -> f.name().equals(longName)).findFirst();
  }

  Optional<Flag> shortFlag(String shortName) {
    return flags.stream().filter(f -> f.shortName().equals(shortName)).findFirst();
  }
}
