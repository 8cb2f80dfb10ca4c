package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --headless} as a real process: PROXY_URL, forwarding with the token, clean stops. */
class HeadlessProcessTest {
  private static final String TOKEN = "tok-headless-42";
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private Process proxy;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), TOKEN);
    port = Ports.free();
  }

  @AfterEach
  void tearDown() {
    if (proxy != null && proxy.isAlive()) {
      proxy.destroyForcibly();
    }
    gateway.close();
  }

  private String start(String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--headless", "--port=" + port));
    args.addAll(List.of(extra));
    HeadlessLaunch.Started started = HeadlessLaunch.start(home, cli, root.resolve("stderr"), args);
    proxy = started.process();
    return started.firstLine();
  }

  @Test
  void printsTheProxyUrlOnceListeningAndForwardsWithTheToken() throws Exception {
    String line = start();

    assertThat(line).isEqualTo("PROXY_URL=http://127.0.0.1:" + port);
    assertThat(LoopbackHttp.send(port, "GET", "/v1/models", Duration.ofSeconds(5)).status())
        .isEqualTo(200);
    assertThat(gateway.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer " + TOKEN);
    assertThat(Files.readString(home.settings()))
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"");
  }

  @Test
  void stopsWithStatusZeroOnSigterm() throws Exception {
    start();

    proxy.destroy();

    assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(proxy.exitValue()).isZero();
    assertThat(Ports.listening(port)).isFalse();
  }

  @Test
  void aHandStartedProxyTakesBackTheKeysItWroteWhenItStopsButKeepsTheUsersOwn() throws Exception {
    Files.createDirectories(home.settings().getParent());
    Files.writeString(home.settings(), "{\"env\": {\"FOO\": \"bar\"}, \"model\": \"opus\"}");
    start();
    assertThat(Files.readString(home.settings())).contains("127.0.0.1:" + port);

    proxy.destroy();

    assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(home.settings()))
        .doesNotContain("ANTHROPIC")
        .doesNotContain("modelPicker")
        .contains("\"FOO\": \"bar\"")
        .contains("\"model\": \"opus\"");
  }

  @Test
  void withHooksInstalledAStoppingProxyLeavesTheKeysToThem() throws Exception {
    Files.createDirectories(home.settings().getParent());
    Files.writeString(
        home.settings(),
        "{\"hooks\": {\"SessionEnd\": [{\"matcher\": \"*\", \"hooks\": [{\"type\":"
            + " \"command\", \"command\": \"databricks-claude --headless-release\"}]}]}}");
    start();

    proxy.destroy();

    assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(home.settings())).contains("127.0.0.1:" + port);
  }

  @Test
  void aHandStartedProxyHoldsALeaseOfItsOwnSoSessionsLeavingDoNotStopIt() throws Exception {
    start();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isEqualTo(1);

    LoopbackHttp.Reply reply = LoopbackHttp.send(port, "POST", "/shutdown", Duration.ofSeconds(5));

    assertThat(reply.body()).isEqualTo("{\"remaining\":1,\"exiting\":false}\n");
    assertThat(proxy.isAlive()).isTrue();
    proxy.destroy();
    assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
  }

  @Test
  void idleTimeoutStopsIt() throws Exception {
    start("--idle-timeout=1s");

    assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(proxy.exitValue()).isZero();
  }
}
