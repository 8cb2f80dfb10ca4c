package io.github.dbclaude.bench;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long Claude Code's SessionStart hook waits: {@code databricks-claude --headless-ensure}
 * through the built launcher, cold (it starts the proxy and returns once it answers) and with a
 * proxy already running. The fake {@code databricks} CLI answers at once, so the cold figure is
 * ours alone; a real CLI adds its own time for {@code auth token} and {@code auth env}.
 */
public final class SessionBenchmark {
  private SessionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(System.getProperty("dist.home", "target/dist")).toAbsolutePath();
    Path launcher = dist.resolve("bin/databricks-claude");
    try (SimulatedGateway gateway = SimulatedGateway.start()) {
      Path root = Files.createTempDirectory("dbc-session-bench");
      TestHome home = TestHome.create(root);
      FakeDatabricksCli cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), "t");
      Map<String, String> env = home.environment(cli.directory());
      int runs = 20;
      double[] cold = new double[5];
      double[] warm = new double[runs];
      for (int c = 0; c < cold.length; c++) {
        int port = Ports.free();
        cold[c] = run(launcher, env, "--headless-ensure", port);
        for (int i = 0; i < runs; i++) {
          double ms = run(launcher, env, "--headless-ensure", port);
          if (c == 0) {
            warm[i] = ms;
          }
        }
        for (int i = 0; i <= runs; i++) {
          run(launcher, env, "--headless-release", port);
        }
        if (!Ports.awaitClosed(port, java.time.Duration.ofSeconds(15))) {
          throw new IOException("proxy on " + port + " did not stop after the last release");
        }
      }
      System.out.printf(
          Locale.ROOT,
          "| `--headless-ensure`, proxy already running (median of %d) | %.1f ms | ≤ 150 ms |%n",
          runs,
          median(warm));
      System.out.printf(
          Locale.ROOT,
          "| `--headless-ensure`, cold: start the proxy until it answers (median of %d) | %.0f ms |"
              + " ≤ 1,500 ms |%n",
          cold.length,
          median(cold));
    }
  }

  private static double run(Path launcher, Map<String, String> env, String flag, int port)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(List.of(launcher.toString(), flag, "--port=" + port))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    int exit = pb.start().waitFor();
    double ms = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IOException(flag + " exited with " + exit);
    }
    return ms;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
