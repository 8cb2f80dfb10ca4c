package io.github.dbclaude.cli;

import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.testkit.Ports;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test cleanup: asks a proxy left on a port to stop until it does (bounded). */
final class LoopbackShutdown {
  private LoopbackShutdown() {}

  static void all(int port) throws InterruptedException {
    // A proxy closes its port before it finishes shutting down (usage database, lease files, log),
    // and one whose last session left may be doing so right now: wait for every proxy process of
    // this port, so the test's temp HOME is deleted after their last write.
    List<ProcessHandle> proxies =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .filter(
                            c -> c.contains("--port=" + port + " ") || c.endsWith("--port=" + port))
                        .filter(c -> c.contains("--headless") || c.contains(" serve"))
                        .isPresent())
            .toList();
    for (int i = 0; i < 50 && Ports.listening(port); i++) {
      for (boolean tls : new boolean[] {false, true}) {
        try {
          if (LoopbackHttp.send(
                      port, "POST", "/shutdown", Duration.ofSeconds(2), Optional.empty(), tls)
                  .status()
              == 200) {
            break;
          }
        } catch (IOException e) {
          // it went away between the check and the request, or speaks the other scheme
        }
      }
      Thread.sleep(20);
    }
    for (ProcessHandle proxy : proxies) {
      try {
        proxy.onExit().get(15, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // still running: the test's own assertions say what went wrong
      }
    }
  }
}
