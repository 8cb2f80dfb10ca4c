package io.github.dbclaude.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link BenchProxy} started as a separate JVM with the production proxy's flags. */
final class ProxyProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String java;

  private ProxyProcess(Process process, int port, String java) {
    this.process = process;
    this.port = port;
    this.java = java;
  }

  /** Starts the proxy in front of {@code gatewayBaseUrl}, using {@code dist}'s runtime and jar. */
  static ProxyProcess start(Path dist, Path testClasses, String gatewayBaseUrl) throws IOException {
    Path bundled = dist.resolve("runtime/bin/java");
    String java = Files.isExecutable(bundled)
        ? bundled.toString()
        : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = dist.resolve("lib/databricks-claude.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IOException("no " + jar + " — build it first: mvn -B package -DskipTests");
    }
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xlog:disable"));
    String extra = System.getProperty("bench.proxy.opts", "").trim();
    if (!extra.isEmpty()) {
      // Experiments only (e.g. -Xmx64m); the reported numbers use the production flags above.
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", jar + File.pathSeparator + testClasses,
        BenchProxy.class.getName(), gatewayBaseUrl));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT=")) {
      process.destroyForcibly();
      throw new IOException("bench proxy did not report its port: " + line);
    }
    return new ProxyProcess(process, Integer.parseInt(line.substring(5).trim()), java);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  String java() {
    return java;
  }

  /** The proxy's resident set size in KiB, from {@code /proc/<pid>/status}; -1 where there is no /proc. */
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
    process.getOutputStream().close();
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
