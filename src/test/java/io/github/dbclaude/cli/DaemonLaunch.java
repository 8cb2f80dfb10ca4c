package io.github.dbclaude.cli;

import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Starts this tool as a real daemon process on a test HOME and waits for its {@code /health}. */
final class DaemonLaunch {
  private static final Duration PROBE = Duration.ofMillis(500);

  private DaemonLaunch() {}

  /** {@code args} (e.g. {@code serve --daemon …}) with stdout discarded, stderr into a file. */
  static Process start(TestHome home, FakeDatabricksCli cli, Path stderr, List<String> args)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(SelfCommand.of(TestEnvironments.plain(home), args))
            .redirectError(stderr.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(home.environment(cli.directory()));
    return pb.start();
  }

  /**
   * The daemon's health once it answers, or empty when {@code process} ended (or {@code limit}
   * passed) first.
   */
  static Optional<HealthProbe.Health> awaitHealth(Process process, int port, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HealthProbe.Health> health = HealthProbe.probe(port, PROBE);
      if (health.isPresent() || !process.isAlive()) {
        return health;
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }
}
