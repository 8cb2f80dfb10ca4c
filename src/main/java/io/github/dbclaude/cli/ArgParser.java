package io.github.dbclaude.cli;

import java.util.List;
import java.util.Optional;

/**
 * Splits the wrapper's arguments into our flags and the tokens handed to {@code claude}, exactly as
 * the original does: unknown tokens pass through in order, {@code --} ends our parsing, and {@code
 * -v}/{@code -h} count only as whole tokens.
 */
final class ArgParser {
  private ArgParser() {}

  static WrapperOptions parse(List<String> args) throws UsageException {
    WrapperOptions options = new WrapperOptions();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (token.equals("--")) {
        options.claudeArgs.addAll(args.subList(i + 1, args.size()));
        break;
      }
      Optional<Flag> flag = Optional.empty();
      String attached = null;
      if (token.length() == 2 && token.charAt(0) == '-' && token.charAt(1) != '-') {
        flag = FlagTable.byShortName(token.substring(1));
      } else if (token.startsWith("--")) {
        int eq = token.indexOf('=');
        String name = eq < 0 ? token.substring(2) : token.substring(2, eq);
        attached = eq < 0 ? null : token.substring(eq + 1);
        flag = FlagTable.byName(name);
      }
      if (flag.isEmpty()) {
        options.claudeArgs.add(token);
        continue;
      }
      i = apply(flag.get(), attached, args, i, options);
    }
    return options;
  }

  /** Applies one flag and returns the index of the last token it consumed. */
  private static int apply(Flag flag, String attached, List<String> args, int i, WrapperOptions o)
      throws UsageException {
    String typed = "--" + flag.name();
    switch (flag.kind()) {
      case SWITCH -> set(flag, typed, o, null);
      case OPTIONAL_BOOL -> set(flag, typed, o, attached);
      case VALUE -> {
        if (attached != null && !attached.isEmpty()) {
          set(flag, typed, o, attached);
        } else if (i + 1 < args.size()) {
          set(flag, typed, o, separateValue(typed, args.get(i + 1)));
          return i + 1;
        }
        // A value flag at the very end is left unset, as in the original.
      }
    }
    return i;
  }

  /**
   * The value given as the argument after {@code typed}: one that looks like a flag is a usage
   * error, not a value ({@code --profile --print-env} would otherwise use and remember a profile
   * named "--print-env"). A negative number is a value (for the flag to judge); the attached form
   * {@code --flag=-x} still passes any value.
   */
  static String separateValue(String typed, String next) throws UsageException {
    if (next.length() > 1 && next.startsWith("-") && !Character.isDigit(next.charAt(1))) {
      throw new UsageException(
          typed
              + " needs a value, but the next argument is \""
              + next
              + "\" (write "
              + typed
              + "="
              + next
              + " if that is the value)");
    }
    return next;
  }

  /** Stores one value; a value the flag rejects becomes a usage error naming the flag as typed. */
  static void set(Flag flag, String typed, WrapperOptions o, String value) throws UsageException {
    try {
      flag.apply().set(o, value);
    } catch (UsageException e) {
      throw new UsageException(typed + ": " + e.getMessage());
    }
  }
}
