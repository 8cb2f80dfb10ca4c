package io.github.dbclaude.cli;

import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.testkit.Ports;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Test cleanup: asks a proxy left on a port to stop until it does (bounded). */
final class LoopbackShutdown {
  private LoopbackShutdown() {}

  static void all(int port) throws InterruptedException {
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
  }
}
