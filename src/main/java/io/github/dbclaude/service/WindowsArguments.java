package io.github.dbclaude.service;

import java.util.ArrayList;
import java.util.List;

/** Command-line quoting as the Microsoft C runtime's argument parser reads it. */
final class WindowsArguments {
  private WindowsArguments() {}

  static String join(List<String> args) {
    StringBuilder line = new StringBuilder();
    for (String arg : args) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(quote(arg));
    }
    return line.toString();
  }

  /** Quotes one argument; backslashes are doubled only where they precede a quote. */
  static String quote(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
      return arg;
    }
    StringBuilder out = new StringBuilder("\"");
    int backslashes = 0;
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '\\') {
        backslashes++;
        continue;
      }
      if (c == '"') {
        out.append("\\".repeat(backslashes * 2 + 1)).append('"');
      } else {
        out.append("\\".repeat(backslashes)).append(c);
      }
      backslashes = 0;
    }
    return out.append("\\".repeat(backslashes * 2)).append('"').toString();
  }

  /** Splits a command line by the same rules. */
  static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    boolean inArg = false;
    boolean quoted = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\') {
        i = backslashes(line, i, arg);
        inArg = true;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
        inArg = true;
      } else if ((c == ' ' || c == '\t') && !quoted) {
        if (inArg) {
          args.add(arg.toString());
          arg.setLength(0);
          inArg = false;
        }
      } else {
        arg.append(c);
        inArg = true;
      }
      i++;
    }
    if (inArg) {
      args.add(arg.toString());
    }
    return args;
  }

  /**
   * Reads the run of backslashes at {@code from} into {@code arg}: before a quote each pair is one
   * backslash and an odd one escapes the quote; elsewhere they are literal. Returns the next index.
   */
  private static int backslashes(String line, int from, StringBuilder arg) {
    int i = from;
    while (i < line.length() && line.charAt(i) == '\\') {
      i++;
    }
    int n = i - from;
    if (i < line.length() && line.charAt(i) == '"') {
      arg.append("\\".repeat(n / 2));
      if (n % 2 == 1) {
        arg.append('"');
        i++;
      }
    } else {
      arg.append("\\".repeat(n));
    }
    return i;
  }
}
