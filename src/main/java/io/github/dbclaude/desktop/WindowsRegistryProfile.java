package io.github.dbclaude.desktop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows: the REG_SZ value {@code databricksProfile} under {@code
 * HKCU\SOFTWARE\IceRhymers\databricks-claude}, read with {@code reg query}.
 */
final class WindowsRegistryProfile implements ManagedProfile {
  static final String KEY = "HKCU\\SOFTWARE\\IceRhymers\\databricks-claude";
  static final RegQuery REG_EXE = WindowsRegistryProfile::runRegExe;
  private static final Pattern VALUE_LINE =
      Pattern.compile(
          "^\\s*databricksProfile\\s+REG_SZ(?:\\s+(.*?))?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /** Runs {@code reg} with the given arguments and returns what it printed. */
  @FunctionalInterface
  interface RegQuery {
    String run(List<String> argv) throws IOException;
  }

  private final RegQuery reg;

  WindowsRegistryProfile(RegQuery reg) {
    this.reg = reg;
  }

  @Override
  public String databricksProfile() {
    try {
      return valueIn(reg.run(List.of("reg", "query", KEY, "/v", "databricksProfile")));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The value from {@code reg query} output, or {@code ""} when the output has no REG_SZ line. */
  static String valueIn(String regOutput) {
    Matcher m = VALUE_LINE.matcher(regOutput);
    return m.find() && m.group(1) != null ? m.group(1) : "";
  }

  private static String runRegExe(List<String> argv) throws IOException {
    Process process =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("reg query failed");
      }
      return new String(out, consoleCharset());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static Charset consoleCharset() {
    String name = System.getProperty("native.encoding", StandardCharsets.UTF_8.name());
    return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
  }
}
