package io.github.dbclaude.cli;

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
      printf '{"access_token":"aot-training","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}\\n'
      """;
  private static final String JSON_BODY =
      "{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM_BODY =
      "{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

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
      Map<String, String> env = Map.of("HOME", home.toString(), "PATH", bin + ":/usr/bin:/bin");
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
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
    return new Environment(
        env,
        home,
        home,
        new ByteArrayInputStream(new byte[0]),
        out,
        err,
        invokedAs,
        Optional.empty(),
        new SystemClock());
  }
}
