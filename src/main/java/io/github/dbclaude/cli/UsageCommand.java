package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsagePeriods;
import io.github.dbclaude.usage.UsageReport;
import io.github.dbclaude.usage.UsageTotals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code databricks-claude usage [--since 30d] [--by day|model|session] [--json] [-v] [--profile P]
 * [--retention 90d]}: what the proxy recorded, today and over the last 7 days by model, and the
 * workspace's budget when it has one.
 */
final class UsageCommand {
  static final String SYNOPSIS =
      "usage: databricks-claude usage [--since 30d] [--by day|model|session] [--json] [-v]"
          + " [--profile P] [--retention 90d]";

  private UsageCommand() {}

  record Options(
      Optional<Duration> since,
      UsageTotals.By by,
      boolean json,
      boolean verbose,
      String profile,
      Optional<Duration> retention) {}

  /** {@code ~/.claude/databricks-claude/usage.db}. */
  static Path database(Environment environment) {
    return UsageDatabase.file(environment.home().resolve(".claude").resolve("databricks-claude"));
  }

  static int run(List<String> args, Environment environment)
      throws UsageException, UserFacingException {
    Options o = parse(args);
    Path file = database(environment);
    if (o.retention().isPresent()) {
      return setRetention(file, (int) o.retention().get().toDays(), environment);
    }
    List<UsageReport.Period> periods;
    try (UsageDatabase db = UsageDatabase.openExisting(file).orElse(null)) {
      periods =
          UsagePeriods.of(
              Optional.ofNullable(db),
              environment.clock().instant(),
              environment.clock().getZone(),
              o.since(),
              o.by());
    } catch (IOException e) {
      throw new UserFacingException(e.getMessage() + " — move the file away to start afresh");
    }
    Optional<UsageReport.Budget> budget =
        UsageBudget.fetch(environment, o.profile(), o.verbose() ? environment.err() : null);
    environment
        .out()
        .print(o.json() ? UsageReport.json(periods, budget) : UsageReport.text(periods, budget));
    return 0;
  }

  private static int setRetention(Path file, int days, Environment environment)
      throws UserFacingException {
    try (UsageDatabase db = UsageDatabase.open(file)) {
      db.setRetentionDays(days);
    } catch (IOException e) {
      throw new UserFacingException(e.getMessage());
    }
    environment
        .out()
        .println(
            "databricks-claude: usage records are now kept for "
                + days
                + " days (applied by the proxy within a day)");
    return 0;
  }

  static Options parse(List<String> args) throws UsageException {
    Optional<Duration> since = Optional.empty();
    UsageTotals.By by = UsageTotals.By.MODEL;
    boolean json = false;
    boolean verbose = false;
    String profile = "";
    Optional<Duration> retention = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      boolean valued = List.of("--since", "--by", "--profile", "--retention").contains(name);
      String value = "";
      if (valued) {
        if (a.contains("=")) {
          value = a.substring(a.indexOf('=') + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("usage: " + name + " needs a value (" + SYNOPSIS + ")");
        }
      }
      switch (name) {
        case "--since" -> since = Optional.of(days(value, "--since"));
        case "--by" -> by = by(value);
        case "--profile" -> profile = value;
        case "--retention" -> retention = Optional.of(days(value, "--retention"));
        case "--json" -> json = true;
        case "-v", "--verbose" -> verbose = true;
        default -> throw new UsageException("usage: unknown argument " + a + " (" + SYNOPSIS + ")");
      }
    }
    return new Options(since, by, json, verbose, profile, retention);
  }

  /** {@code 30d}, {@code 2w} or {@code 12h}. */
  static Duration days(String text, String flag) throws UsageException {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.length() >= 2 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d =
          switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            case 'h' -> flag.equals("--since") ? Duration.ofHours(n) : Duration.ZERO;
            default -> Duration.ZERO;
          };
      boolean whole = !flag.equals("--retention") || d.toDays() >= 1;
      if (n > 0 && n < 100_000 && !d.isZero() && whole) {
        return d;
      }
    }
    throw new UsageException(
        "usage: "
            + flag
            + " takes a number of days such as 30d or 2w"
            + (flag.equals("--since") ? " (or hours, 12h)" : "")
            + ", not '"
            + text
            + "'");
  }

  private static UsageTotals.By by(String text) throws UsageException {
    for (UsageTotals.By by : UsageTotals.By.values()) {
      if (by.word().equals(text)) {
        return by;
      }
    }
    throw new UsageException("usage: --by takes day, model or session, not '" + text + "'");
  }
}
