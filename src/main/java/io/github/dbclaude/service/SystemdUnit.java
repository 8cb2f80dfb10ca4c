package io.github.dbclaude.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The systemd user unit: written with systemd's own quoting (so paths and profiles with spaces,
 * quotes, {@code %} or {@code $} survive) and read back to find the command line it runs.
 */
final class SystemdUnit {
  private SystemdUnit() {}

  static String render(DaemonSpec spec) throws IOException {
    StringBuilder unit = new StringBuilder();
    unit.append("[Unit]\n")
        .append("Description=databricks-claude daemon (Claude Code proxy for Databricks)\n")
        .append("After=network-online.target\n\n")
        .append("[Service]\n")
        .append("Type=simple\n");
    if (spec.databricksCli().isPresent()) {
      unit.append("Environment=")
          .append(quote("DATABRICKS_CLI=" + spec.databricksCli().get(), false))
          .append('\n');
    }
    unit.append("ExecStart=");
    List<String> line = spec.commandLine();
    for (int i = 0; i < line.size(); i++) {
      unit.append(i == 0 ? "" : " ").append(quote(line.get(i), true));
    }
    unit.append('\n')
        .append("Restart=on-failure\n")
        .append("RestartSec=5\n\n")
        .append("[Install]\n")
        .append("WantedBy=default.target\n");
    return unit.toString();
  }

  /**
   * Quotes one word as systemd.syntax(7) reads it: {@code %} specifiers are doubled, and in {@code
   * ExecStart=} so is {@code $} (variable expansion); words with other special characters go in
   * double quotes with C escapes.
   */
  static String quote(String word, boolean command) throws IOException {
    if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0 || word.indexOf('\0') >= 0) {
      throw new IOException("a service argument cannot contain a line break: " + word.strip());
    }
    String escaped = word.replace("%", "%%");
    if (command) {
      escaped = escaped.replace("$", "$$");
    }
    if (!escaped.isEmpty() && escaped.chars().allMatch(SystemdUnit::plain)) {
      return escaped;
    }
    return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static boolean plain(int c) {
    return Character.isLetterOrDigit(c) || "/._-:=,+@%$".indexOf(c) >= 0;
  }

  /** The words of the first {@code ExecStart=} line, unquoted; empty when there is none. */
  static Optional<List<String>> execStart(String unit) {
    for (String line : unit.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("ExecStart=")) {
        return Optional.of(split(trimmed.substring("ExecStart=".length())));
      }
    }
    return Optional.empty();
  }

  /** Splits a command line the way systemd does for the quoting {@link #quote} produces. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(unescape(word));
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(unescape(word));
    }
    return words;
  }

  private static String unescape(CharSequence word) {
    return word.toString().replace("%%", "%").replace("$$", "$");
  }
}
