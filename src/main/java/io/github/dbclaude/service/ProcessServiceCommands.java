package io.github.dbclaude.service;

import io.github.dbclaude.platform.NullDevice;
import io.github.dbclaude.platform.PathLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
          new ProcessBuilder(resolved(argv))
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

  /**
   * The command found on the PATH the children get: the JDK would search this process's PATH
   * instead, which is not the one the user (or a test's fake service manager) set up.
   */
  private List<String> resolved(List<String> argv) throws IOException {
    String name = argv.getFirst();
    if (name.contains("/") || name.contains("\\")) {
      return argv;
    }
    // Windows spells it Path; the copied environment no longer ignores case.
    String path =
        environment.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("PATH"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse("");
    Path found =
        PathLookup.find(name, path).orElseThrow(() -> new IOException(name + " not found on PATH"));
    List<String> line = new ArrayList<>(argv);
    line.set(0, found.toString());
    return line;
  }
}
