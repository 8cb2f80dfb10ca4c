package io.github.dbclaude.bench;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The production headless proxy, started through the built launcher as its own process. */
final class ProxyProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final double readyMillis;

  private ProxyProcess(Process process, int port, double readyMillis) {
    this.process = process;
    this.port = port;
    this.readyMillis = readyMillis;
  }

  /**
   * Starts the real thing: {@code dist/bin/databricks-claude --headless} with a throw-away HOME and
   * a fake {@code databricks} CLI, forwarding to {@code gatewayBaseUrl} — so the numbers include
   * the launcher's JVM flags and everything the production proxy does per request.
   */
  static ProxyProcess start(Path dist, Path testClasses, String gatewayBaseUrl) throws IOException {
    Path launcher = dist.resolve("bin/databricks-claude");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("no " + launcher + " — build it first: mvn -B package -DskipTests");
    }
    Path root = Files.createTempDirectory("dbc-bench");
    TestHome home = TestHome.create(root);
    FakeDatabricksCli cli =
        FakeDatabricksCli.create(root.resolve("bin"), gatewayBaseUrl, "bench-token");
    int port = Ports.free();
    List<String> command =
        new ArrayList<>(
            List.of(
                launcher.toString(),
                "--headless",
                "--port=" + port,
                "--idle-timeout=0",
                "--upstream=" + gatewayBaseUrl + "/ai-gateway/anthropic"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().clear();
    pb.environment().putAll(home.environment(cli.directory()));
    String extra = System.getProperty("bench.proxy.opts", "").trim();
    if (!extra.isEmpty()) {
      // Experiments only (e.g. -Xmx64m); the reported numbers use the launcher's flags.
      pb.environment().put("DATABRICKS_CLAUDE_JAVA_OPTS", extra);
    }
    long start = System.nanoTime();
    Process process = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.equals("PROXY_URL=http://127.0.0.1:" + port)) {
      process.destroyForcibly();
      throw new IOException("the headless proxy did not report its URL: " + line);
    }
    return new ProxyProcess(process, port, (System.nanoTime() - start) / 1e6);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Milliseconds from spawning the launcher to reading its {@code PROXY_URL=} line. */
  double readyMillis() {
    return readyMillis;
  }

  /**
   * The proxy's resident set size in KiB, from {@code /proc/<pid>/status}; -1 where there is no
   * /proc.
   */
  long rssKib() throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** CPU time (user + system) the proxy process used so far, in nanoseconds; -1 without /proc. */
  long cpuNanos() throws IOException {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    if (!Files.exists(stat)) {
      return -1;
    }
    String text = Files.readString(stat);
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
