package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.SessionOwner;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.testkit.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortLeasesTest {
  @TempDir Path tmp;
  private Process sleeper;

  @AfterEach
  void tearDown() {
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
  }

  private SessionOwner.Owner ownerThatWillDie() throws Exception {
    sleeper = new ProcessBuilder("sleep", "60").start();
    return new SessionOwner.Owner(sleeper.pid(), sleeper.info().startInstant());
  }

  private static boolean join(PortLeases leases, String id, Optional<SessionOwner.Owner> owner)
      throws Exception {
    try (var _ = leases.lock()) {
      return leases.join(id, owner);
    }
  }

  private static int sweep(PortLeases leases) throws Exception {
    try (var _ = leases.lock()) {
      return leases.sweep();
    }
  }

  @Test
  void aSessionIsLeasedOnceAndReleasedOnce() throws Exception {
    PortLeases leases = PortLeases.forPort(tmp, 1);

    assertThat(join(leases, "3f1c-aa", Optional.empty())).isTrue();
    assertThat(join(leases, "3f1c-aa", Optional.empty())).isFalse();
    assertThat(leases.leave("3f1c-aa")).isTrue();
    assertThat(leases.leave("3f1c-aa")).isFalse();
  }

  @Test
  void anonymousLeasesEachCountAndAreGivenBackOneByOne() throws Exception {
    PortLeases leases = PortLeases.forPort(tmp, 4);
    join(leases, PortLeases.ANONYMOUS + "7-a", Optional.empty());
    join(leases, PortLeases.ANONYMOUS + "8-b", Optional.empty());

    assertThat(leases.leaveAnonymous(8)).isTrue();
    assertThat(leases.count()).isEqualTo(1);
    assertThat(leases.leaveAnonymous(9)).as("any anonymous lease will do").isTrue();
    assertThat(leases.leaveAnonymous(9)).isFalse();
  }

  @Test
  void theLastLeaseGoingMarksTheProxyExitingUnderTheLock() throws Exception {
    PortLeases leases = PortLeases.forPort(tmp, 5);
    join(leases, "s1", Optional.empty());

    assertThat(leases.sweepAndDecideExit(4242)).isEqualTo(1);
    assertThat(leases.exiting()).isEmpty();
    leases.leave("s1");
    assertThat(leases.sweepAndDecideExit(4242)).isZero();
    assertThat(leases.exiting()).hasValue(4242);

    leases.clearExiting(4242);
    assertThat(leases.exiting()).isEmpty();
  }

  @Test
  void oddSessionIdsStayInsideTheLeaseDirectory() throws Exception {
    PortLeases leases = PortLeases.forPort(tmp, 2);

    assertThat(join(leases, "../../etc/passwd", Optional.empty())).isTrue();

    assertThat(tmp.resolve(".databricks-claude-leases-2").toFile().list()).hasSize(1);
    assertThat(tmp.getParent().resolve("etc")).doesNotExist();
  }

  @Test
  void sweepDropsOnlyLeasesWhoseProcessIsGone() throws Exception {
    PortLeases leases = PortLeases.forPort(tmp, 3);
    SessionOwner.Owner doomed = ownerThatWillDie();
    join(
        leases,
        "alive",
        Optional.of(
            new SessionOwner.Owner(
                ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant())));
    join(leases, "unknown-owner", Optional.empty());
    join(leases, "doomed", Optional.of(doomed));
    assertThat(sweep(leases)).isEqualTo(3);

    sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

    assertThat(sweep(leases)).as("leases left").isEqualTo(2);
    assertThat(join(leases, "doomed", Optional.empty())).isTrue();
    assertThat(join(leases, "alive", Optional.empty())).isFalse();
  }

  @Test
  void aReusedPidDoesNotKeepALeaseAlive() {
    SessionOwner.Owner impostor =
        new SessionOwner.Owner(ProcessHandle.current().pid(), Optional.of(Instant.EPOCH));

    assertThat(impostor.isAlive()).isFalse();
  }

  @Test
  void aSigkilledWrappersLeaseIsSweptSoTheProxyExitsAfterTheNextSession() throws Exception {
    int port = Ports.free();
    PortLeases leases = PortLeases.forPort(tmp, port);
    // A wrapper that was SIGKILLed mid-session: its lease names a process that will be gone.
    join(leases, "wrapper-1", Optional.of(ownerThatWillDie()));
    TokenSource tokens = () -> new Token("t", Instant.now().plusSeconds(3600));
    ProxyConfig config =
        new ProxyConfig(
            URI.create("http://127.0.0.1:9"),
            URI.create("http://127.0.0.1:9"),
            tokens,
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            "test",
            Optional.empty());
    try (HeadlessProxy proxy =
        HeadlessProxy.start(config::withControl, port, Duration.ZERO, tmp, Log.discard())) {
      CompletableFuture<Void> stopped =
          CompletableFuture.runAsync(
              () -> {
                try {
                  proxy.awaitShutdown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      proxy.sweep();
      assertThat(stopped).isNotDone();

      sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      // A full session after it: joins and leaves; the proxy then finds no lease left.
      join(leases, "next-session", Optional.empty());
      assertThat(leases.leave("next-session")).isTrue();
      assertThat(proxy.shutdown().exiting()).isTrue();

      stopped.get(5, TimeUnit.SECONDS);
      assertThat(leases.count()).isZero();
    }
  }
}
