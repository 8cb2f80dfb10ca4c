package io.github.dbclaude.cli;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.update.UpdateCheck;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The start-up notice: checked in the background while the proxy is leased, and waited for at most
 * until {@link #BUDGET} after the start — so it never delays claude by more than that, and usually
 * not at all. Failures only reach the debug log.
 */
final class UpdateNotice {
  static final Duration BUDGET = Duration.ofSeconds(2);
  private final CompletableFuture<Optional<String>> line;
  private final long deadline;

  private UpdateNotice(CompletableFuture<Optional<String>> line, long deadline) {
    this.line = line;
    this.deadline = deadline;
  }

  /** Starts the check unless {@code --no-update-check} or {@value Updates#OPT_OUT_ENV}=1. */
  static UpdateNotice start(WrapperOptions o, Environment environment, Log log) {
    long deadline = System.nanoTime() + BUDGET.toNanos();
    if (o.noUpdateCheck || Updates.optedOut(environment)) {
      return new UpdateNotice(CompletableFuture.completedFuture(Optional.empty()), deadline);
    }
    CompletableFuture<Optional<String>> line = new CompletableFuture<>();
    // A virtual thread does not keep the process alive if the check is still running at exit.
    Thread.ofPlatform()
        .daemon()
        .name("update-check")
        .start(() -> line.complete(check(environment, log)));
    return new UpdateNotice(line, deadline);
  }

  private static Optional<String> check(Environment environment, Log log) {
    try {
      UpdateCheck.Outcome outcome = Updates.check(environment, log).check(true, BUDGET);
      log.debug("update check: " + outcome);
      if (!outcome.updateAvailable()) {
        return Optional.empty();
      }
      String version = outcome.latest().orElseThrow().version();
      return Optional.of(
          "databricks-claude: update available (v"
              + version
              + "). Run: "
              + (Updates.homebrew(environment)
                  ? "brew upgrade databricks-claude"
                  : "databricks-claude update"));
    } catch (Exception e) {
      log.debug("update check failed: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Prints the notice if the check found a newer release by the deadline; never waits past it. */
  void print(Environment environment, Log log) {
    long left = deadline - System.nanoTime();
    try {
      line.get(Math.max(0, left), TimeUnit.NANOSECONDS).ifPresent(environment.err()::println);
    } catch (TimeoutException e) {
      log.debug("update check: no answer within " + BUDGET.toMillis() + " ms; skipped");
    } catch (ExecutionException e) {
      log.debug("update check failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
