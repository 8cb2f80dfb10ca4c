package io.github.dbclaude.cli;

import java.util.List;

/**
 * The loose flag scanning of the {@code desktop} and {@code setup} sub-commands: a flag may appear
 * anywhere, the first occurrence wins, {@code --x v} and {@code --x=v} both work, and a flag with
 * no value after it reads as absent.
 */
final class SubcommandFlags {
  private SubcommandFlags() {}

  /** The value of {@code --name}, or {@code ""} when it is absent or has no value. */
  static String value(List<String> args, String name) {
    String flag = "--" + name;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals(flag)) {
        return i + 1 < args.size() ? args.get(i + 1) : "";
      }
      if (a.startsWith(flag + "=")) {
        return a.substring(flag.length() + 1);
      }
    }
    return "";
  }

  /** True when {@code --name} appears bare or as {@code --name=anything}. */
  static boolean present(List<String> args, String name) {
    String flag = "--" + name;
    return args.stream().anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
  }

  /**
   * A presence switch: bare, {@code =true}, {@code =1} or {@code =} mean true; any other value
   * (such as {@code =false}) and absence mean false.
   */
  static boolean switchOn(List<String> args, String name) {
    String flag = "--" + name;
    for (String a : args) {
      if (a.equals(flag)) {
        return true;
      }
      if (a.startsWith(flag + "=")) {
        String v = a.substring(flag.length() + 1);
        return v.isEmpty() || v.equals("true") || v.equals("1");
      }
    }
    return false;
  }
}
