package io.github.dbclaude.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The outcome of running one external command to completion: exit status and captured output. */
record ProcessRun(int exitCode, String stdout, String stderr) {
  private static final long TIMEOUT_SECONDS = 60;

  /**
   * Runs {@code command} in {@code workDir} with exactly {@code environment}; output goes to files
   * in {@code scratch} so a chatty child can never block on a full pipe.
   */
  static ProcessRun of(
      List<String> command, Map<String, String> environment, Path workDir, Path scratch)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratch, "stdout", ".txt");
    Path err = Files.createTempFile(scratch, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("still running after " + TIMEOUT_SECONDS + " s: " + command);
      }
    } finally {
      process.destroyForcibly();
    }
    return new ProcessRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
