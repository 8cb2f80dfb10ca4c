package io.github.dbclaude.bench;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the credential helper costs Claude Desktop on top of the Databricks CLI it wraps: the wall
 * time of {@code bin/databricks-claude-credential-helper} minus the wall time of the same {@code
 * databricks auth token} call made directly (a fake CLI, so both are measured alike).
 */
public final class CredentialHelperBenchmark {
  private static final int RUNS = 30;

  private CredentialHelperBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dist = Path.of(System.getProperty("dist.home", "target/dist")).toAbsolutePath();
    Path helper = dist.resolve("bin/databricks-claude-credential-helper");
    Path root = Files.createTempDirectory("dbc-helper-bench");
    TestHome home = TestHome.create(root);
    FakeDatabricksCli cli = FakeDatabricksCli.create(root.resolve("bin"), "https://ws", "tok");
    Map<String, String> env = home.environment(cli.directory());

    double[] helperMs = new double[RUNS];
    double[] cliMs = new double[RUNS];
    for (int i = -3; i < RUNS; i++) {
      // Interleaved so both see the same machine load.
      double h = time(List.of(helper.toString()), env);
      double c =
          time(List.of(cli.executable().toString(), "auth", "token", "--profile", "DEFAULT"), env);
      if (i >= 0) {
        helperMs[i] = h;
        cliMs[i] = c;
      }
    }
    double versionMedian = LauncherTiming.medianMillis(dist, env, RUNS);
    double helperMedian = median(helperMs);
    double cliMedian = median(cliMs);
    System.out.printf(
        Locale.ROOT,
        "| credential helper wall time (median of %d) | %.1f ms | |%n",
        RUNS,
        helperMedian);
    System.out.printf(
        Locale.ROOT,
        "| `databricks auth token` alone, same fake CLI (median of %d) | %.1f ms | |%n",
        RUNS,
        cliMedian);
    System.out.printf(
        Locale.ROOT,
        "| for scale: `databricks-claude --version` (median of %d) | %.1f ms | |%n",
        RUNS,
        versionMedian);
    System.out.printf(
        Locale.ROOT,
        "| credential helper minus the `auth token` it wraps | %.1f ms | ≤ 80 ms |%n",
        helperMedian - cliMedian);
  }

  private static double time(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    long start = System.nanoTime();
    int exit = pb.start().waitFor();
    long elapsed = System.nanoTime() - start;
    if (exit != 0) {
      throw new IOException(command + " exited with " + exit);
    }
    return elapsed / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
