package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several sessions on one port: exactly one proxy, and no session's end cuts another. */
class SessionSharingTest {
  @TempDir Path root;
  private TestWorkspace ws;
  private ScriptedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin", "tok-shared");
    gateway = ws.gateway();
    home = ws.home();
    cli = ws.cli();
    port = Ports.free();
  }

  @AfterEach
  void tearDown() throws Exception {
    LoopbackShutdown.all(port);
    ws.close();
  }

  private int hook(String flag) {
    return hook(flag, "");
  }

  /** Runs a hook command as Claude Code does, with its hook input on stdin. */
  private int hook(String flag, String stdin) {
    Environment environment =
        TestEnvironments.of(
            home.environment(cli.directory()),
            home,
            stdin.getBytes(StandardCharsets.UTF_8),
            System.out,
            System.err,
            java.util.Optional.empty(),
            Platform.current());
    return Main.run(List.of(flag, "--port=" + port), environment);
  }

  @Test
  void twentyRacingEnsuresStartExactlyOneProxyThatStopsAfterTheLastRelease() throws Exception {
    Environment plain = TestEnvironments.plain(home);
    List<Process> ensures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ProcessBuilder pb =
          new ProcessBuilder(SelfCommand.of(plain, List.of("--headless-ensure", "--port=" + port)))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(root.resolve("ensure-" + i + ".err").toFile());
      pb.environment().clear();
      pb.environment().putAll(home.environment(cli.directory()));
      ensures.add(pb.start());
    }
    for (Process p : ensures) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }

    assertThat(TestWorkspace.headlessProxiesOn(port)).hasSize(1);
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isEqualTo(20);
    for (int i = 0; i < 19; i++) {
      assertThat(hook("--headless-release")).isZero();
    }
    assertThat(Ports.listening(port)).as("19 of 20 sessions left").isTrue();
    assertThat(hook("--headless-release")).isZero();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
  }

  @Test
  void theSessionThatStartedTheProxyEndingDoesNotCutAnotherSessionsStream() throws Exception {
    List<String> before = List.of("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      after.add(
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              + "\"delta\":{\"type\":\"text_delta\",\"text\":\"chunk "
              + i
              + "\"}}\n\n");
    }
    after.add("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    String expected = String.join("", before) + String.join("", after);
    CountDownLatch release = new CountDownLatch(1);
    gateway.script(TestReplies.held(before, release, after));

    assertThat(hook("--headless-ensure")).as("session A starts the proxy").isZero();
    assertThat(hook("--headless-ensure")).as("session B joins").isZero();
    try (Socket b = new Socket(InetAddress.getLoopbackAddress(), port)) {
      b.setSoTimeout(30_000);
      OutputStream out = b.getOutputStream();
      out.write(
          ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = b.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      readUntil(in, received, "message_start");

      assertThat(hook("--headless-release")).as("session A ends mid-stream").isZero();
      assertThat(Ports.listening(port)).isTrue();
      release.countDown();
      in.transferTo(received);

      assertThat(dechunk(received.toString(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
    assertThat(hook("--headless-release")).isZero();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
  }

  @Test
  void aRepeatedSessionStartCountsOnceAndAReleasedSessionCannotReleaseTwice() throws Exception {
    String s1 = "{\"session_id\":\"0b7e-s1\",\"hook_event_name\":\"SessionStart\"}";
    String s2 = "{\"session_id\":\"0b7e-s2\",\"hook_event_name\":\"SessionStart\"}";
    PortLeases count = PortLeases.forPort(home.tmpDir(), port);

    assertThat(hook("--headless-ensure", s1)).isZero();
    assertThat(hook("--headless-ensure", s1)).isZero();
    assertThat(hook("--headless-ensure", s2)).isZero();
    assertThat(count.count()).isEqualTo(2);

    assertThat(hook("--headless-release", s1)).isZero();
    assertThat(hook("--headless-release", s1)).isZero();
    assertThat(count.count()).isEqualTo(1);
    assertThat(Ports.listening(port)).isTrue();

    // An old entry's release names no session, so it may not end s2's live lease (issue 12).
    assertThat(hook("--headless-release", "not json"))
        .as("an anonymous release cannot take a named session's lease")
        .isZero();
    assertThat(count.count()).isEqualTo(1);
    assertThat(Ports.listening(port)).isTrue();

    assertThat(hook("--headless-release", s2)).isZero();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
  }

  @Test
  void aCorruptStateFileMakesTheHookFailInOneLineInsteadOfUsingTheDefaultPort() throws Exception {
    Files.createDirectories(home.stateFile().getParent());
    Files.writeString(home.stateFile(), "garbage");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Environment environment =
        new Environment(
            home.environment(cli.directory()),
            home.home(),
            home.tmpDir(),
            InputStream.nullInputStream(),
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
            "databricks-claude",
            java.util.Optional.empty(),
            java.time.Clock.systemUTC());

    assertThat(Main.run(List.of("--headless-ensure"), environment))
        .as("exit 0, so Claude Code reads the hook's JSON")
        .isZero();

    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(".databricks-claude.json")
        .contains("is not valid JSON");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .as("said inside Claude Code")
        .startsWith("{\"systemMessage\":\"databricks-claude: --headless-ensure: ")
        .contains("is not valid JSON")
        .contains("this session has no proxy");
    assertThat(Ports.listening(SessionPlan.DEFAULT_PORT)).isFalse();
  }

  @Test
  void anEnsureWhoseProxyCannotStartSaysWhyAndUndoesItsCount() throws Exception {
    cli.failTokenUntilLogin();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Environment environment =
        new Environment(
            home.environment(cli.directory()),
            home.home(),
            home.tmpDir(),
            InputStream.nullInputStream(),
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
            "databricks-claude",
            java.util.Optional.empty(),
            java.time.Clock.systemUTC());

    int status = Main.run(List.of("--headless-ensure", "--port=" + port), environment);

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("{\"systemMessage\":\"databricks-claude: --headless-ensure: ")
        .doesNotContain("tok-shared");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("databricks-claude: --headless-ensure: ")
        .contains("log: ")
        .doesNotContain("tok-shared");
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
    assertThat(Ports.listening(port)).isFalse();
  }

  private static void readUntil(InputStream in, ByteArrayOutputStream into, String marker)
      throws Exception {
    byte[] buf = new byte[4096];
    while (!into.toString(StandardCharsets.UTF_8).contains(marker)) {
      int n = in.read(buf);
      assertThat(n).as("stream ended before " + marker).isPositive();
      into.write(buf, 0, n);
    }
  }

  /** The body of a chunked HTTP/1.1 response, checking the terminating zero chunk is there. */
  private static String dechunk(String raw) {
    String rest = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    StringBuilder body = new StringBuilder();
    while (true) {
      int lineEnd = rest.indexOf("\r\n");
      int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(rest, lineEnd + 2, lineEnd + 2 + size);
      rest = rest.substring(lineEnd + 2 + size + 2);
    }
  }
}
