package io.github.dbclaude.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Wall time of {@code bin/databricks-claude --version}, process start to exit, as a shell would see
 * it.
 */
final class LauncherTiming {
  private LauncherTiming() {}

  /** The median over {@code runs} runs (after two unmeasured ones) in milliseconds. */
  static double medianMillis(Path dist, Map<String, String> env, int runs)
      throws IOException, InterruptedException {
    Path launcher = dist.resolve("bin/databricks-claude");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("no launcher at " + launcher);
    }
    ProcessBuilder builder =
        new ProcessBuilder(launcher.toString(), "--version")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("DATABRICKS_CLAUDE_JAVA_OPTS");
    builder.environment().putAll(env);
    double[] millis = new double[runs];
    for (int i = -2; i < runs; i++) {
      long start = System.nanoTime();
      int exit = builder.start().waitFor();
      long elapsed = System.nanoTime() - start;
      if (exit != 0) {
        throw new IOException(launcher + " --version exited with " + exit);
      }
      if (i >= 0) {
        millis[i] = elapsed / 1e6;
      }
    }
    Arrays.sort(millis);
    return runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
  }
}
