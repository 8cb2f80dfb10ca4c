package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.service.FakeServiceManager;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.PlistParser;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve install | status | uninstall} against fake service managers that really start the
 * written unit's command line (see {@link FakeServiceManager}), per platform.
 */
class ServeServiceTest {
  private static final String TOKEN = "tok-service-17";
  @TempDir Path root;
  private TestWorkspace ws;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private Path launcher;
  private Path fakeState;
  private Path fakeBin;
  private int port;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "cli tools", TOKEN);
    gateway = ws.gateway();
    home = ws.home();
    cli = ws.cli();
    fakeBin = root.resolve("fake-bin");
    fakeState = root.resolve("fake-state");
    FakeServiceManager.install(fakeBin, fakeState);
    launcher = root.resolve("app dir/bin/databricks-claude");
    Files.createDirectories(launcher.getParent());
    // What the real launcher does: our Main on our class path, whatever PATH the service has.
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + ProcessHandle.current().info().command().orElseThrow()
            + "' --enable-native-access=ALL-UNNAMED -cp '"
            + System.getProperty("java.class.path")
            + "' io.github.dbclaude.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    port = Ports.free();
  }

  @AfterEach
  void tearDown() {
    FakeServiceManager.stopAll(fakeState);
    ws.close();
  }

  private int run(String os, String... args) {
    Map<String, String> env = home.environment(Path.of(fakeBin + ":" + cli.directory()));
    env.put(ServiceInstallCommand.PROBE_ENV, "90000");
    Environment environment =
        TestEnvironments.of(
            env,
            home,
            new byte[0],
            out,
            err,
            Optional.of(launcher),
            new Platform(os, "amd64", false));
    return Main.run(List.of(args), environment);
  }

  private String said() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linuxInstallRunsTheUnitAsWrittenAndStatusAndUninstallFollowIt() throws Exception {
    assertThat(run("Linux", "serve", "install", "--port=" + port)).as(said()).isZero();

    Path unit = home.home().resolve(".config/systemd/user/databricks-claude-daemon.service");
    String text = Files.readString(unit);
    assertThat(text)
        .contains("Environment=\"DATABRICKS_CLI=" + cli.executable() + "\"")
        .contains("ExecStart=\"" + launcher + "\" serve --daemon --port=" + port);
    assertThat(FakeServiceManager.calls(fakeState))
        .startsWith(
            "systemctl --user daemon-reload",
            "systemctl --user enable databricks-claude-daemon.service",
            "systemctl --user restart databricks-claude-daemon.service");
    assertThat(said()).contains("daemon installed and healthy at 127.0.0.1:" + port);
    assertServes();

    out.reset();
    assertThat(run("Linux", "serve", "status")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Registered: yes")
        .contains("Running:    yes")
        .contains("Port:       " + port + " (from the unit)")
        .contains("Healthy:    yes (mode=daemon)")
        .contains("\"daemon\":true");

    assertThat(run("Linux", "serve", "uninstall")).isZero();
    assertThat(unit).doesNotExist();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(30))).isTrue();
    assertThat(said()).contains("daemon stopped and unregistered");
  }

  @Test
  void macInstallLoadsAPlistWhoseArgumentsAndEnvironmentStartTheDaemon() throws Exception {
    assertThat(run("Mac OS X", "serve", "install", "--port=" + port)).as(said()).isZero();

    Path plist = home.home().resolve("Library/LaunchAgents/databricks-claude-daemon.plist");
    Map<String, Object> dict = PlistParser.dict(PlistParser.parse(Files.readAllBytes(plist)));
    assertThat(PlistParser.array(dict.get("ProgramArguments")))
        .startsWith(launcher.toString(), "serve", "--daemon", "--port=" + port);
    assertThat(PlistParser.dict(dict.get("EnvironmentVariables")))
        .containsEntry("DATABRICKS_CLI", cli.executable().toString());
    assertThat(FakeServiceManager.calls(fakeState))
        .anyMatch(c -> c.startsWith("launchctl bootstrap gui/"));
    assertServes();

    assertThat(run("Mac OS X", "serve", "uninstall")).isZero();
    assertThat(plist).doesNotExist();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void windowsInstallCreatesATaskFromXmlThatStartsTheDaemon() throws Exception {
    assertThat(run("Windows 11", "serve", "install", "--port=" + port)).as(said()).isZero();

    assertThat(FakeServiceManager.calls(fakeState))
        .anyMatch(c -> c.startsWith("schtasks /Create /XML "))
        .contains("schtasks /Run /TN databricks-claude-daemon");
    assertServes();

    out.reset();
    assertThat(run("Windows 11", "serve", "status")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Running:    yes");
    assertThat(run("Windows 11", "serve", "uninstall")).isZero();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void notLoggedInWithoutATerminalWritesNothingAndExitsOne() throws Exception {
    cli.failTokenUntilLogin();

    assertThat(run("Linux", "serve", "install", "--port=" + port)).isEqualTo(1);

    assertThat(said())
        .contains("run 'databricks auth login --profile DEFAULT' first")
        .contains("--skip-auth-check");
    assertThat(home.home().resolve(".config/systemd")).doesNotExist();
    assertThat(FakeServiceManager.calls(fakeState)).isEmpty();
  }

  @Test
  void aDaemonThatCannotBindFailsTheInstallWithTheServiceManagersDiagnostics() throws Exception {
    try (ServerSocket _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run("Linux", "serve", "install", "--port=" + port)).isEqualTo(1);
    }

    assertThat(said())
        .contains("--- daemon diagnostics ---")
        .contains("port " + port + " unavailable")
        .contains("the daemon did not answer on 127.0.0.1:" + port);
  }

  @Test
  void statusWithoutAnInstallSaysSo() {
    assertThat(run("Linux", "serve", "status")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Registered: no")
        .contains("Running:    no")
        .contains("Healthy:    no");
  }

  /** The daemon the manager started answers as the daemon and forwards with the user's token. */
  private void assertServes() throws Exception {
    HealthProbe.Health health =
        HealthProbe.probe(port, Duration.ofSeconds(5)).orElseThrow(AssertionError::new);
    assertThat(health.daemon()).isTrue();
    assertThat(LoopbackHttp.send(port, "GET", "/v1/models", Duration.ofSeconds(10)).status())
        .isEqualTo(200);
    assertThat(gateway.requests().getLast().header("authorization")).isEqualTo("Bearer " + TOKEN);
  }
}
