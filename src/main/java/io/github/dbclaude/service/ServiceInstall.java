package io.github.dbclaude.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Installs the daemon and waits for it to answer: an install whose daemon never comes up is a
 * failure with the service manager's own account of why, not a success with a warning.
 */
public final class ServiceInstall {
  /** Tells whether something answers {@code /health} on a port. */
  @FunctionalInterface
  public interface HealthCheck {
    boolean healthy(int port);
  }

  /** Waits between probes; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /**
   * How an install ended.
   *
   * @param diagnostics the service manager's report and the daemon log's tail; empty when healthy
   */
  public record Outcome(boolean healthy, String diagnostics) {}

  static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  private static final int LOG_TAIL_LINES = 50;
  private static final int FAILURE_CHECK_EVERY = 4;

  private final ServiceManager manager;
  private final HealthCheck health;
  private final Pause pause;
  private final Duration deadline;

  public ServiceInstall(
      ServiceManager manager, HealthCheck health, Pause pause, Duration deadline) {
    this.manager = manager;
    this.health = health;
    this.pause = pause;
    this.deadline = deadline;
  }

  /** Writes, registers and starts the service, then probes its port until {@code deadline}. */
  public Outcome install(DaemonSpec spec) throws IOException {
    manager.install(spec);
    long probes = Math.max(1, deadline.toMillis() / PROBE_INTERVAL.toMillis());
    for (long i = 0; i < probes; i++) {
      if (health.healthy(spec.port())) {
        return new Outcome(true, "");
      }
      if (i % FAILURE_CHECK_EVERY == FAILURE_CHECK_EVERY - 1 && failed()) {
        // The daemon already exited with an error: its reason is in the diagnostics now.
        break;
      }
      try {
        pause.pause(PROBE_INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (health.healthy(spec.port())) {
      return new Outcome(true, "");
    }
    return new Outcome(false, (manager.diagnostics() + "\n\n" + logTail(spec)).strip());
  }

  private boolean failed() {
    try {
      return manager.status().running() == ServiceStatus.Running.FAILED;
    } catch (IOException e) {
      return false;
    }
  }

  private static String logTail(DaemonSpec spec) {
    try {
      if (!Files.isRegularFile(spec.logFile())) {
        return "";
      }
      List<String> lines = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "daemon log (" + spec.logFile() + "):\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "daemon log (" + spec.logFile() + "): " + e.getMessage();
    }
  }
}
