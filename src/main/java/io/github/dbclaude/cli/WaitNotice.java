package io.github.dbclaude.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Never silent (issue 13, item 10): a wait that lasts longer than {@link #AFTER} says what it waits
 * for, in one line on stderr; a quick one says nothing. Close it when the wait is over.
 */
final class WaitNotice implements AutoCloseable {
  static final Duration AFTER = Duration.ofSeconds(1);

  private final CountDownLatch done = new CountDownLatch(1);

  private WaitNotice() {}

  /** Starts the clock for a wait for {@code what} ("the Databricks CLI", …). */
  static WaitNotice waitingFor(String what, PrintStream err) {
    return waitingFor(what, err, AFTER);
  }

  static WaitNotice waitingFor(String what, PrintStream err, Duration after) {
    WaitNotice notice = new WaitNotice();
    Thread.ofPlatform()
        .daemon()
        .name("wait-notice")
        .start(
            () -> {
              try {
                if (!notice.done.await(after.toMillis(), TimeUnit.MILLISECONDS)) {
                  err.println("databricks-claude: waiting for " + what + " …");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    return notice;
  }

  @Override
  public void close() {
    done.countDown();
  }
}
