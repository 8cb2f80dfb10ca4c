package io.github.dbclaude.service;

import io.github.dbclaude.platform.NullDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs service-manager commands as child processes with a bounded wait. */
public final class ProcessServiceCommands implements ServiceCommands {
  private final Map<String, String> environment;
  private final Duration timeout;

  /** Children get exactly {@code environment}; each may take up to {@code timeout}. */
  public ProcessServiceCommands(Map<String, String> environment, Duration timeout) {
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  @Override
  public CommandResult run(List<String> argv) throws IOException {
    // Output goes to a file, not a pipe: a child that hangs with its pipe open cannot block us.
    Path output = Files.createTempFile("databricks-claude-service-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(NullDevice.file());
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            argv.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
      }
      String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
      return new CommandResult(process.exitValue(), text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + argv.getFirst(), e);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
