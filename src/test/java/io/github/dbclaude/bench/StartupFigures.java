package io.github.dbclaude.bench;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The short-lived commands and the size of what we ship: {@code --version}, the credential helper
 * on top of the {@code databricks auth token} it wraps (Claude Desktop runs it every 55 seconds),
 * and {@code target/dist} on disk.
 */
final class StartupFigures {
  private static final int RUNS = 30;

  private StartupFigures() {}

  static void addTo(Report report, Path dist) throws IOException, InterruptedException {
    report.section("Start-up and size");
    Path root = Files.createTempDirectory("dbc-startup-bench");
    TestHome home = TestHome.create(root);
    FakeDatabricksCli cli = FakeDatabricksCli.create(root.resolve("bin"), "https://ws", "tok");
    Map<String, String> env = home.environment(cli.directory());
    Measurements.progress("start-up: --version");
    report.atMost(
        "`--version` wall time (median of " + RUNS + ")",
        "",
        LauncherTiming.medianMillis(dist, env, RUNS),
        "ms",
        40);
    double noCache =
        LauncherTiming.medianMillis(
            dist, with(env, "DATABRICKS_CLAUDE_JAVA_OPTS", "-XX:AOTMode=off"), RUNS);
    report.info(
        "`--version` without the AOT cache (`-XX:AOTMode=off`)",
        "",
        Report.num(noCache) + " ms",
        "");
    helper(report, dist, cli, env);
    report.atMost("`target/dist` size (sum of file sizes)", "", mebibytes(dist), "MB", 60);
  }

  /** The helper and the bare CLI call alternate, so both see the same machine load. */
  private static void helper(
      Report report, Path dist, FakeDatabricksCli cli, Map<String, String> env)
      throws IOException, InterruptedException {
    Measurements.progress("start-up: credential helper");
    List<String> helper =
        List.of(dist.resolve("bin/databricks-claude-credential-helper").toString());
    List<String> direct =
        List.of(cli.executable().toString(), "auth", "token", "--profile", "DEFAULT");
    double[] helperMs = new double[RUNS];
    double[] cliMs = new double[RUNS];
    for (int i = -3; i < RUNS; i++) {
      double h = LauncherTiming.millis(helper, env);
      double c = LauncherTiming.millis(direct, env);
      if (i >= 0) {
        helperMs[i] = h;
        cliMs[i] = c;
      }
    }
    double helperMedian = LauncherTiming.median(helperMs);
    double cliMedian = LauncherTiming.median(cliMs);
    report.added(
        "credential helper vs the `databricks auth token` it wraps (fake CLI, median of "
            + RUNS
            + ")",
        cliMedian,
        helperMedian,
        "ms",
        50);
  }

  private static double mebibytes(Path dist) throws IOException {
    try (Stream<Path> files = Files.walk(dist)) {
      long bytes =
          files
              .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .mapToLong(
                  p -> {
                    try {
                      return Files.size(p);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .sum();
      return bytes / (1024.0 * 1024.0);
    }
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    HashMap<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
