package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks of both generations leave the daemon alone and fall back to a proxy when it is gone. */
class DaemonAwareHooksTest {
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private Process daemon;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), "tok-hooks");
    port = Ports.free();
    daemon =
        DaemonLaunch.start(
            home, cli, root.resolve("stderr"), List.of("serve", "--daemon", "--port=" + port));
    assertThat(DaemonLaunch.awaitHealth(daemon, port, Duration.ofSeconds(60))).isPresent();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon.isAlive()) {
      daemon.destroyForcibly();
    }
    // A fallback proxy started by a hook goes with its last lease.
    hook("hooks", "session-end", "--port=" + port);
    gateway.close();
  }

  private int hook(String... args) {
    return Main.run(
        List.of(args),
        TestEnvironments.captured(
            home.environment(cli.directory()),
            home,
            new ByteArrayOutputStream(),
            new ByteArrayOutputStream()));
  }

  @Test
  void hooksOfBothGenerationsTakeNoLeaseOnTheDaemonAndLeaveItRunning() throws Exception {
    assertThat(hook("hooks", "session-start", "--port=" + port)).isZero();
    assertThat(hook("--headless-ensure", "--port=" + port)).isZero();
    PortLeases leases = PortLeases.forPort(home.tmpDir(), port);
    assertThat(leases.count()).isZero();

    assertThat(hook("hooks", "session-end", "--port=" + port)).isZero();
    assertThat(hook("--headless-release", "--port=" + port)).isZero();

    assertThat(daemon.isAlive()).isTrue();
    assertThat(HealthProbe.probe(port, Duration.ofSeconds(5)).orElseThrow().daemon()).isTrue();
  }

  @Test
  void withTheDaemonDownAHookStartsAndLeasesItsOwnProxy() throws Exception {
    daemon.destroy();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(hook("hooks", "session-start", "--port=" + port)).isZero();

    HealthProbe.Health health = HealthProbe.probe(port, Duration.ofSeconds(5)).orElseThrow();
    assertThat(health.daemon()).isFalse();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isEqualTo(1);
  }
}
