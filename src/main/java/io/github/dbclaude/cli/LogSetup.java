package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The debug log of SPEC 14.1: nowhere, stderr ({@code -v}), a file ({@code --log-file}), or both.
 */
final class LogSetup {
  private LogSetup() {}

  static Log open(WrapperOptions o, Environment environment) throws UserFacingException {
    List<PrintStream> sinks = new ArrayList<>();
    if (o.verbose) {
      sinks.add(environment.err());
    }
    if (!o.logFile.isEmpty()) {
      sinks.add(new PrintStream(openFile(Path.of(o.logFile)), true, StandardCharsets.UTF_8));
    }
    return sinks.isEmpty() ? Log.discard() : new StreamLog(sinks);
  }

  private static OutputStream openFile(Path path) throws UserFacingException {
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")
          && !Files.exists(path)) {
        Files.createFile(
            path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      return Files.newOutputStream(
          path,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
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
