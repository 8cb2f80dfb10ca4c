package io.github.dbclaude.cli;

import io.github.dbclaude.cli.Flag.Completion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command tree flattened for the completion scripts: every node with its path ({@code ""} for
 * the root, {@code /config/otel} below it), and the value flags of all nodes by how their value
 * completes. A shell walks the typed words from position 1 while they name a child, so a word after
 * a root flag never counts as a sub-command.
 */
record CompletionNodes(List<Node> nodes) {
  /** One command and the path of words that reach it. */
  record Node(String path, Command command) {
    boolean isRoot() {
      return path.isEmpty();
    }

    /** Its flags as typed, long and short forms, {@code --help}/{@code -h} included below root. */
    List<String> flagWords() {
      List<String> words = new ArrayList<>();
      for (Flag f : command.flags()) {
        words.add("--" + f.name());
        f.shortForm().ifPresent(words::add);
      }
      if (!isRoot()) {
        words.add("--help");
        words.add("-h");
      }
      return words;
    }

    /** The words completed in its positional slot: children, else its argument choices. */
    List<String> positionalWords() {
      return command.children().isEmpty()
          ? command.choices()
          : command.children().stream().map(Command::name).toList();
    }
  }

  static CompletionNodes of(Command root) {
    List<Node> nodes = new ArrayList<>();
    collect(root, "", nodes);
    return new CompletionNodes(List.copyOf(nodes));
  }

  private static void collect(Command command, String path, List<Node> out) {
    out.add(new Node(path, command));
    for (Command child : command.children()) {
      collect(child, path + "/" + child.name(), out);
    }
  }

  /** Every path below the root, for a shell {@code case} pattern joined by {@code separator}. */
  String subPaths(String separator) {
    return subPaths(separator, "");
  }

  /** As {@link #subPaths(String)}, each path after {@code prefix}. */
  String subPaths(String separator, String prefix) {
    return nodes.stream()
        .filter(n -> !n.isRoot())
        .map(n -> prefix + n.path())
        .collect(Collectors.joining(separator));
  }

  /** {@code --name} of every value flag completing as {@code kind}, across all nodes. */
  List<String> valueFlags(Completion kind) {
    Map<String, Boolean> names = new LinkedHashMap<>();
    for (Node n : nodes) {
      for (Flag f : n.command().flags()) {
        if (f.takesValue() && f.completion() == kind) {
          names.put("--" + f.name(), true);
        }
      }
    }
    return List.copyOf(names.keySet());
  }
}
