package io.github.dbclaude.platform;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs a foreground child (claude) that shares our terminal: standard streams inherited, SIGINT and
 * SIGTERM passed on instead of stopping us, and its exit status returned as ours.
 */
public final class ChildProcess {
  private ChildProcess() {}

  /**
   * Starts {@code command} with {@code environment} (complete, not added to ours) and waits for it.
   *
   * @return the child's exit status; a child killed by signal N yields 128+N, the shell convention
   * @throws IOException if the child cannot be started at all
   */
  public static int run(List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(environment);
    Process child = pb.start();
    Runnable restoreTerm = Signals.onSignal("TERM", child::destroy);
    Runnable restoreInt = Signals.onSignal("INT", () -> sendInterrupt(child));
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return child.waitFor();
        } catch (InterruptedException e) {
          // Keep waiting: our exit status is the child's, whatever interrupted us.
          interrupted = true;
        }
      }
    } finally {
      restoreTerm.run();
      restoreInt.run();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sendInterrupt(Process child) {
    if (!child.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(child.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      child.destroy();
    }
  }
}
