package io.github.dbclaude.demo;

import io.github.dbclaude.usage.TokenCounts;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsagePeriods;
import io.github.dbclaude.usage.UsageReport;
import io.github.dbclaude.usage.UsageTotals;
import io.github.dbclaude.usage.UsageWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The end of the demo: the usage the proxy recorded for the demo's own requests. */
final class DemoUsage {
  private DemoUsage() {}

  static void report(
      PrintStream out,
      ProxyDemo.Checks checks,
      UsageWriter usage,
      Path database,
      SimulatedUsage sent,
      Clock clock)
      throws IOException, InterruptedException {
    out.println();
    out.println("6. What `databricks-claude usage` would show for these requests");
    boolean written = usage.awaitWritten(Duration.ofSeconds(10));
    List<UsageReport.Period> periods;
    try (UsageDatabase db = UsageDatabase.openExisting(database).orElse(null)) {
      periods =
          UsagePeriods.of(
              Optional.ofNullable(db),
              clock.instant(),
              clock.getZone(),
              Optional.of(Duration.ofHours(1)),
              UsageTotals.By.MODEL);
    }
    out.print(UsageReport.text(periods, Optional.empty()).indent(3));
    TokenCounts recorded = periods.getFirst().total().tokens();
    TokenCounts expected =
        new TokenCounts(sent.input(), sent.output(), sent.cacheCreation(), sent.cacheRead());
    checks.check(
        written && recorded.equals(expected),
        "the usage records add up to what the gateway reported",
        recorded.total() + " tokens");
  }

  /** Removes the demo's scratch database and its WAL files. */
  static void delete(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // A scratch directory under the temp dir; the OS cleans it eventually.
    }
  }
}
