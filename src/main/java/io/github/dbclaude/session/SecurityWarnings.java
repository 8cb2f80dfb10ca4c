package io.github.dbclaude.session;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The start-up warnings the Go tool prints too: running as root, or a umask that lets group or
 * others write the files we create. Read from {@code /proc/self/status} where it exists (Linux);
 * elsewhere the JDK offers no way to ask, and nothing is printed.
 */
final class SecurityWarnings {
  private static final Path STATUS = Path.of("/proc/self/status");

  private SecurityWarnings() {}

  static void print(PrintStream err) {
    print(err, STATUS);
  }

  static void print(PrintStream err, Path status) {
    List<String> lines;
    try {
      lines = Files.readAllLines(status);
    } catch (IOException | RuntimeException e) {
      return;
    }
    field(lines, "Uid:")
        .map(v -> v.split("\\s+"))
        .filter(f -> f.length > 1 && f[1].equals("0"))
        .ifPresent(
            f -> err.println("WARNING: running as root is not recommended for proxy operation"));
    field(lines, "Umask:")
        .ifPresent(
            value -> {
              try {
                int umask = Integer.parseInt(value, 8);
                if ((umask & 0022) != 0022) {
                  err.println(
                      "WARNING: umask "
                          + String.format("%04o", umask)
                          + " allows group/other write — config files may be world-writable");
                }
              } catch (NumberFormatException e) {
                // an unexpected format: say nothing rather than something wrong
              }
            });
  }

  private static Optional<String> field(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name))
        .map(l -> l.substring(name.length()).strip())
        .findFirst();
  }
}
