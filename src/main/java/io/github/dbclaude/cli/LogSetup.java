package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.CappedLogFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The debug log: nowhere, stderr ({@code -v}), a file ({@code --log-file}), or both. The file is
 * appended to, each run opening with a header line, so the runs before (another session's, the
 * proxy's) are still there when a problem is looked at; it is rotated at {@link #MAX_FILE_BYTES}
 * like our own logs.
 */
final class LogSetup {
  /** Larger than our own logs' cap: the user asked for this one, usually to debug. */
  static final long MAX_FILE_BYTES = 10L << 20;

  private LogSetup() {}

  static Log open(WrapperOptions o, Environment environment) throws UserFacingException {
    List<PrintStream> sinks = new ArrayList<>();
    if (o.verbose) {
      sinks.add(environment.err());
    }
    if (!o.logFile.isEmpty()) {
      PrintStream file =
          new PrintStream(openFile(Path.of(o.logFile)), true, StandardCharsets.UTF_8);
      file.println(header(o, environment));
      sinks.add(file);
    }
    return sinks.isEmpty() ? Log.discard() : new StreamLog(sinks);
  }

  /** {@code === <time> databricks-claude <version> pid=<pid> mode=<mode> ===}. */
  static String header(WrapperOptions o, Environment environment) {
    String mode = o.headless ? "headless" : o.printEnv ? "print-env" : "wrapper";
    return "=== "
        + OffsetDateTime.now(environment.clock()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + " "
        + BuildInfo.TOOL
        + " "
        + BuildInfo.version()
        + " pid="
        + ProcessHandle.current().pid()
        + " mode="
        + mode
        + " ===";
  }

  private static OutputStream openFile(Path path) throws UserFacingException {
    try {
      return CappedLogFile.open(path, MAX_FILE_BYTES);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot open log file \""
              + path
              + "\": "
              + e.getMessage()
              + " — choose a writable path for --log-file");
    }
  }
}
