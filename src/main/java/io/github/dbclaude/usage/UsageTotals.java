package io.github.dbclaude.usage;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a usage summary: a model, day or session, and what its requests used.
 *
 * @param key the model, the day ({@code 2026-12-06}, local time) or the session id
 */
public record UsageTotals(String key, long requests, TokenCounts tokens, long errors) {
  /** How a summary is broken down. */
  public enum By {
    DAY,
    MODEL,
    SESSION;

    /** {@code day}, {@code model} or {@code session}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  UsageTotals plus(UsageRecord record) {
    return new UsageTotals(
        key, requests + 1, tokens.plus(record.tokens()), errors + (record.failed() ? 1 : 0));
  }

  /** Sums {@code records} per key: models by tokens used, days in order, sessions newest first. */
  public static List<UsageTotals> of(List<UsageRecord> records, By by, ZoneId zone) {
    Map<String, UsageTotals> rows = new LinkedHashMap<>();
    for (UsageRecord record : records) {
      String key = key(record, by, zone);
      rows.merge(key, new UsageTotals(key, 0, TokenCounts.ZERO, 0).plus(record), UsageTotals::sum);
    }
    List<UsageTotals> out = new ArrayList<>(rows.values());
    switch (by) {
      case DAY -> out.sort(Comparator.comparing(UsageTotals::key));
      case MODEL -> out.sort(Comparator.comparingLong((UsageTotals t) -> -t.tokens().total()));
      case SESSION -> java.util.Collections.reverse(out); // records come oldest first
    }
    return out;
  }

  /** The sum of every record. */
  public static UsageTotals total(List<UsageRecord> records) {
    UsageTotals total = new UsageTotals("total", 0, TokenCounts.ZERO, 0);
    for (UsageRecord record : records) {
      total = total.plus(record);
    }
    return total;
  }

  private static UsageTotals sum(UsageTotals a, UsageTotals b) {
    return new UsageTotals(
        a.key, a.requests + b.requests, a.tokens.plus(b.tokens), a.errors + b.errors);
  }

  static String key(UsageRecord record, By by, ZoneId zone) {
    return switch (by) {
      case DAY -> record.time().atZone(zone).toLocalDate().toString();
      case MODEL -> record.model().isEmpty() ? "(unknown)" : record.model();
      case SESSION -> record.session().isEmpty() ? "(none)" : record.session();
    };
  }
}
