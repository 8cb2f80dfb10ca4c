package io.github.dbclaude.usage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The periods {@code usage} shows: today and the last 7 days, or the one asked for. */
public final class UsagePeriods {
  private UsagePeriods() {}

  /**
   * Today and the last 7 days (local calendar days, today included) by {@code by}; with {@code
   * since}, only the period from {@code now - since}.
   */
  public static List<UsageReport.Period> of(
      Optional<UsageDatabase> db,
      Instant now,
      ZoneId zone,
      Optional<Duration> since,
      UsageTotals.By by)
      throws IOException {
    if (since.isPresent()) {
      return List.of(period(db, "Last " + describe(since.get()), now.minus(since.get()), by, zone));
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant week = today.minusDays(6).atStartOfDay(zone).toInstant();
    return List.of(
        period(db, "Today (" + today + ")", today.atStartOfDay(zone).toInstant(), by, zone),
        period(db, "Last 7 days (since " + today.minusDays(6) + ")", week, by, zone));
  }

  private static UsageReport.Period period(
      Optional<UsageDatabase> db, String name, Instant from, UsageTotals.By by, ZoneId zone)
      throws IOException {
    List<UsageRecord> records = db.isPresent() ? db.get().since(from) : List.of();
    return new UsageReport.Period(
        name, from, by, UsageTotals.of(records, by, zone), UsageTotals.total(records));
  }

  /** {@code 30 days}, {@code 12 hours}, {@code 1 day}. */
  static String describe(Duration duration) {
    long days = duration.toDays();
    if (days > 0 && duration.equals(Duration.ofDays(days))) {
      return days + (days == 1 ? " day" : " days");
    }
    long hours = Math.max(1, duration.toHours());
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
