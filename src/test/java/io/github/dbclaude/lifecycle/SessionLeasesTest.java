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

class SessionLeasesTest {
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

  @Test
  void aSessionIsLeasedOnceAndReleasedOnce() throws Exception {
    SessionLeases leases = SessionLeases.forPort(tmp, 1);

    assertThat(leases.add("3f1c-aa", Optional.empty())).isTrue();
    assertThat(leases.add("3f1c-aa", Optional.empty())).isFalse();
    assertThat(leases.remove("3f1c-aa")).isTrue();
    assertThat(leases.remove("3f1c-aa")).isFalse();
  }

  @Test
  void oddSessionIdsStayInsideTheLeaseDirectory() throws Exception {
    SessionLeases leases = SessionLeases.forPort(tmp, 2);

    assertThat(leases.add("../../etc/passwd", Optional.empty())).isTrue();

    assertThat(tmp.resolve(".databricks-claude-leases-2").toFile().list()).hasSize(1);
    assertThat(tmp.getParent().resolve("etc")).doesNotExist();
  }

  @Test
  void sweepDropsOnlyLeasesWhoseProcessIsGone() throws Exception {
    SessionLeases leases = SessionLeases.forPort(tmp, 3);
    SessionOwner.Owner doomed = ownerThatWillDie();
    leases.add(
        "alive",
        Optional.of(
            new SessionOwner.Owner(
                ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant())));
    leases.add("unknown-owner", Optional.empty());
    leases.add("doomed", Optional.of(doomed));
    assertThat(leases.sweep()).isZero();

    sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

    assertThat(leases.sweep()).isEqualTo(1);
    assertThat(leases.add("doomed", Optional.empty())).isTrue();
    assertThat(leases.add("alive", Optional.empty())).isFalse();
  }

  @Test
  void aReusedPidDoesNotKeepALeaseAlive() {
    SessionOwner.Owner impostor =
        new SessionOwner.Owner(ProcessHandle.current().pid(), Optional.of(Instant.EPOCH));

    assertThat(impostor.isAlive()).isFalse();
  }

  @Test
  void theProxyExitsWhenTheLastSessionsProcessIsGone() throws Exception {
    int port = Ports.free();
    RefcountFile.forPort(tmp, port).acquire();
    SessionLeases.forPort(tmp, port).add("only", Optional.of(ownerThatWillDie()));
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
      proxy.sweep();

      stopped.get(5, TimeUnit.SECONDS);
      assertThat(RefcountFile.forPort(tmp, port).read()).isZero();
    }
  }
}
