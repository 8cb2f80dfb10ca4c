package io.github.dbclaude.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Wall time of whole commands, process start to exit, as a shell would see it. */
final class LauncherTiming {
  private LauncherTiming() {}

  /**
   * The median wall time of {@code bin/databricks-claude --version} over {@code runs} runs (after
   * two unmeasured ones) in milliseconds, with exactly {@code env} as its environment.
   */
  static double medianMillis(Path dist, Map<String, String> env, int runs)
      throws IOException, InterruptedException {
    Path launcher = dist.resolve("bin/databricks-claude");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("no launcher at " + launcher);
    }
    List<String> command = List.of(launcher.toString(), "--version");
    double[] millis = new double[runs];
    for (int i = -2; i < runs; i++) {
      double elapsed = millis(command, env);
      if (i >= 0) {
        millis[i] = elapsed;
      }
    }
    return median(millis);
  }

  /** One run of {@code command} with exactly {@code env}; fails unless it exits with 0. */
  static double millis(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(env);
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    long elapsed = System.nanoTime() - start;
    if (exit != 0) {
      throw new IOException(command + " exited with " + exit);
    }
    return elapsed / 1e6;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
