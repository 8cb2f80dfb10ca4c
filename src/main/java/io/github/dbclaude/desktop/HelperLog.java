package io.github.dbclaude.desktop;

import io.github.dbclaude.log.CappedLogFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.Redactor;
import io.github.dbclaude.platform.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The credential helper's diagnostic log: appended lines {@code <UTC time> pid=<pid> ppid=<ppid>
 * <message>}, file 0600, capped and rotated like the proxy's log. Claude Desktop shows nothing of
 * the helper's stderr, so this file is how a failed refresh gets explained afterwards. It never
 * fails the helper: an unwritable location just means no log. Lines are redacted.
 */
public final class HelperLog implements Log, AutoCloseable {
  static final String FILE_NAME = "credential-helper.log";

  private final OutputStream out;
  private final Clock clock;
  private final String prefix;

  private HelperLog(OutputStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
    ProcessHandle self = ProcessHandle.current();
    this.prefix =
        " pid="
            + self.pid()
            + " ppid="
            + self.parent().map(p -> Long.toString(p.pid())).orElse("0")
            + " ";
  }

  /** Where the log lives: {@code ~/Library/Logs/databricks-claude} on macOS, else ~/.cache. */
  public static Path defaultPath(Path home, Platform platform) {
    Path dir =
        platform.mac()
            ? home.resolve("Library/Logs/databricks-claude")
            : home.resolve(".cache/databricks-claude");
    return dir.resolve(FILE_NAME);
  }

  /**
   * Opens {@code file} for appending (directory 0755, file created 0600), first rotating it when it
   * is over {@link CappedLogFile#MAX_BYTES} — Claude Desktop runs the helper every 55 s, so it
   * would otherwise grow without end; never throws.
   */
  public static HelperLog open(Path file, Clock clock) {
    try {
      ArtifactFile.createReadableDirectories(file.getParent());
      return new HelperLog(CappedLogFile.open(file, CappedLogFile.MAX_BYTES), clock);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return new HelperLog(OutputStream.nullOutputStream(), clock);
    }
  }

  @Override
  public void debug(String message) {
    String line =
        // UTC (RFC 3339, "Z"): the local zone would read the time-zone database at every run.
        clock.instant().toString() + prefix + Redactor.redact(message).replace('\n', ' ') + "\n";
    try {
      // One write per line so concurrent helper runs interleave whole lines (O_APPEND).
      out.write(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Logging must never break the helper.
    }
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      // nothing to report to: this is the log
    }
  }
}
