package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.platform.SystemClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build's AOT-cache training runs, each in one JVM with the launcher's flags. Without
 * arguments: {@code --version} and the credential helper, which Claude Desktop runs every 55
 * seconds. With {@code --proxy}: a headless proxy in front of a {@link SimulatedGateway} serving
 * streamed and JSON Messages requests, for the proxy's own cache. Two caches, because the JVM loads
 * every class of its cache at start: trained on both, the cache made each short command pay about
 * 30 ms of CPU for the proxy's 1,900 extra classes (docs/PERFORMANCE.md).
 */
final class AotTraining {
  private static final String FAKE_CLI =
      """
      #!/bin/sh
      case "$1" in --version|version) echo "Databricks CLI v0.298.0"; exit 0 ;; esac
      if [ "$1 $2" = "auth env" ]; then
        printf '{"env":{"DATABRICKS_HOST":"%s"}}\\n' "$AOT_TRAINING_HOST"; exit 0
      fi
      printf '{"access_token":"aot-training","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}\\n'
      """;
  private static final String JSON_BODY =
      "{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM_BODY =
      "{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static final String HOST = "https://aot-training.cloud.databricks.com";

  /** Enough requests to load and link every class and call site of both reply kinds; quick. */
  private static final int REQUESTS = 200;

  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    // Not Files.createTempDirectory: its random name seeds a SecureRandom, and every class the
    // training loads lands in the cache, which loads them all at each start.
    Path root =
        Files.createDirectories(
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "dbc-aot-training-" + ProcessHandle.current().pid()));
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path cli = bin.resolve("databricks");
      Files.writeString(cli, FAKE_CLI);
      if (!Platform.current().windows()) {
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
      }
      Map<String, String> env =
          Map.of(
              "HOME", home.toString(), "PATH", bin + ":/usr/bin:/bin", "AOT_TRAINING_HOST", HOST);
      if (List.of(args).contains("--proxy")) {
        proxy(env, home, quiet);
        return;
      }
      Main.run(List.of("--version"), environment(env, home, quiet, quiet, "databricks-claude"));
      // The first helper run writes the state file (the CLI version it found); the others read it,
      // as every run but a user's very first does, so reading state is in the cache too.
      for (int i = 0; i < 3; i++) {
        Main.run(List.of(), environment(env, home, quiet, quiet, Main.HELPER_NAME));
      }
      hooks(env, home, quiet);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The SessionStart and SessionEnd hooks of a Claude Code session joining and leaving a running
   * proxy (a stand-in answering {@code /health} and {@code /shutdown} as ours does): they run at
   * every session's start and end, and so join the short commands' cache.
   */
  private static void hooks(Map<String, String> env, Path home, PrintStream quiet)
      throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().start(() -> standIn(server));
      String port = "--port=" + server.getLocalPort();
      for (int session = 0; session < 2; session++) {
        String id = "\"session_id\":\"00000000-0000-4000-8000-00000000000" + session + "\"";
        Main.run(
            List.of("--headless-ensure", port),
            environment(
                env,
                home,
                quiet,
                quiet,
                "databricks-claude",
                "{" + id + ",\"source\":\"startup\"}"));
        Main.run(
            List.of("--headless-release", port),
            environment(env, home, quiet, quiet, "databricks-claude", "{" + id + "}"));
      }
    }
  }

  /** Answers each connection once, as a running proxy on the hooks' port would; until closed. */
  private static void standIn(ServerSocket server) {
    String health =
        "{\"pid\":"
            + ProcessHandle.current().pid()
            + ",\"tool\":\"databricks-claude\",\"uptime_s\":1,\"version\":\""
            + BuildInfo.version()
            + "\",\"profile\":\"DEFAULT\",\"upstream\":\""
            + HOST
            + "/ai-gateway/anthropic\"}";
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        String first = readLine(socket.getInputStream());
        for (String line = first; !line.isBlank(); ) {
          line = readLine(socket.getInputStream());
        }
        String body = first.contains("/health") ? health : "{\"remaining\":1,\"exiting\":false}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: "
                    + bytes.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
      } catch (IOException e) {
        // closed at the end of the training, or a client that gave up: next one
      }
    }
  }

  /**
   * {@code --headless} as the launcher starts it, serving until it has been idle for two seconds: a
   * proxy started by hand holds a lease of its own, so {@code /shutdown} does not stop it.
   */
  private static void proxy(Map<String, String> env, Path home, PrintStream quiet)
      throws Exception {
    try (SimulatedGateway gateway = SimulatedGateway.start()) {
      gateway.acceptTokens("aot-training");
      int port = freePort();
      PipedInputStream piped = new PipedInputStream();
      PrintStream out = new PrintStream(new PipedOutputStream(piped), true, StandardCharsets.UTF_8);
      List<String> argv =
          List.of(
              "--headless",
              "--port=" + port,
              "--idle-timeout=2s",
              "--upstream=" + gateway.anthropicUrl());
      Thread serving =
          Thread.ofPlatform()
              .start(() -> Main.run(argv, environment(env, home, out, quiet, "databricks-claude")));
      String line = readLine(piped);
      if (!line.startsWith("PROXY_URL=")) {
        throw new IOException("training proxy did not start: " + line);
      }
      for (int i = 0; i < REQUESTS; i++) {
        post(port, "/v1/messages", i % 2 == 0 ? STREAM_BODY : JSON_BODY);
      }
      serving.join(30_000);
    }
  }

  /** One HTTP/1.1 POST with {@code Connection: close}; the whole answer is read and dropped. */
  private static void post(int port, String path, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01\r\n"
              + "Connection: close\r\nContent-Length: "
              + bytes.length
              + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      socket.getInputStream().transferTo(OutputStream.nullOutputStream());
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      line.append((char) b);
    }
    return line.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Environment environment(
      Map<String, String> env, Path home, PrintStream out, PrintStream err, String invokedAs) {
    return environment(env, home, out, err, invokedAs, "");
  }

  private static Environment environment(
      Map<String, String> env,
      Path home,
      PrintStream out,
      PrintStream err,
      String invokedAs,
      String stdin) {
    return new Environment(
        env,
        home,
        home,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        out,
        err,
        invokedAs,
        Optional.empty(),
        new SystemClock());
  }
}
