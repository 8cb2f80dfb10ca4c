package io.github.dbclaude.usage;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code usage} summary as aligned text for people or as JSON for scripts. */
public final class UsageReport {
  /** One summarised period: its title, where it starts, its rows and their total. */
  public record Period(
      String name, Instant since, UsageTotals.By by, List<UsageTotals> rows, UsageTotals total) {}

  /** The workspace's spend and the threshold it counts against, as the gateway sent them. */
  public record Budget(BigDecimal currentSpend, BigDecimal threshold) {
    /** Spend as a share of the threshold, in percent; empty when the threshold is zero. */
    public Optional<BigDecimal> percent() {
      return threshold.signum() == 0
          ? Optional.empty()
          : Optional.of(
              currentSpend
                  .multiply(BigDecimal.valueOf(100))
                  .divide(threshold, 0, RoundingMode.HALF_UP));
    }
  }

  private static final String[] HEADERS = {
    "", "REQUESTS", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "CACHE HIT", "ERRORS"
  };

  private UsageReport() {}

  /** The periods as tables, then the budget line when there is one. */
  public static String text(List<Period> periods, Optional<Budget> budget) {
    StringBuilder out = new StringBuilder();
    for (Period period : periods) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(period.name()).append('\n');
      if (period.rows().isEmpty()) {
        out.append("  no requests\n");
        continue;
      }
      out.append(table(period));
    }
    budget.ifPresent(b -> out.append('\n').append(budgetLine(b)).append('\n'));
    return out.toString();
  }

  /** {@code Budget: 12.50 of 100.00 spent (13%)}. */
  public static String budgetLine(Budget budget) {
    return "Budget: "
        + budget.currentSpend().toPlainString()
        + " of "
        + budget.threshold().toPlainString()
        + " spent"
        + budget.percent().map(p -> " (" + p.toPlainString() + "%)").orElse("");
  }

  private static String table(Period period) {
    List<String[]> lines = new java.util.ArrayList<>();
    String[] header = HEADERS.clone();
    header[0] = period.by().word().toUpperCase(Locale.ROOT);
    lines.add(header);
    period.rows().forEach(row -> lines.add(cells(row.key(), row)));
    if (period.rows().size() > 1) {
      lines.add(cells("total", period.total()));
    }
    int[] widths = new int[HEADERS.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      out.append("  ");
      for (int i = 0; i < line.length; i++) {
        String cell = line[i];
        String pad = " ".repeat(widths[i] - cell.length());
        out.append(i == 0 ? cell + pad : pad + cell).append(i + 1 < line.length ? "  " : "");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String[] cells(String key, UsageTotals row) {
    TokenCounts t = row.tokens();
    return new String[] {
      key,
      Long.toString(row.requests()),
      Long.toString(t.input()),
      Long.toString(t.output()),
      Long.toString(t.cacheRead()),
      Long.toString(t.cacheCreation()),
      ratio(t),
      Long.toString(row.errors())
    };
  }

  /** {@code 83%}, or {@code -} when there was no prompt. */
  public static String ratio(TokenCounts tokens) {
    return tokens.cacheHitRatio().stream()
        .mapToObj(r -> Math.round(r * 100) + "%")
        .findFirst()
        .orElse("-");
  }

  /** {@code {"periods":[…],"budget":{…}|null}}, pretty-printed. */
  public static String json(List<Period> periods, Optional<Budget> budget) {
    JsonArray list = new JsonArray();
    for (Period period : periods) {
      JsonArray rows = new JsonArray();
      period.rows().forEach(row -> rows.add(totals(row).put(period.by().word(), row.key())));
      list.add(
          new JsonObject()
              .put("name", period.name())
              .put("since", period.since().toString())
              .put("by", period.by().word())
              .put("rows", rows)
              .put("totals", totals(period.total())));
    }
    JsonObject out = new JsonObject().put("periods", list);
    out.put(
        "budget",
        budget
            .<io.github.dbclaude.json.JsonValue>map(
                b ->
                    new JsonObject()
                        .put("current_spend", new JsonString(b.currentSpend().toPlainString()))
                        .put("effective_threshold", b.threshold().toPlainString()))
            .orElse(JsonNull.INSTANCE));
    return Json.pretty(out) + "\n";
  }

  private static JsonObject totals(UsageTotals row) {
    TokenCounts t = row.tokens();
    JsonObject out =
        new JsonObject()
            .put("requests", JsonNumber.of(row.requests()))
            .put("input_tokens", JsonNumber.of(t.input()))
            .put("output_tokens", JsonNumber.of(t.output()))
            .put("cache_read_input_tokens", JsonNumber.of(t.cacheRead()))
            .put("cache_creation_input_tokens", JsonNumber.of(t.cacheCreation()))
            .put("errors", JsonNumber.of(row.errors()));
    t.cacheHitRatio()
        .ifPresentOrElse(
            r ->
                out.put(
                    "cache_hit_ratio",
                    new JsonNumber(
                        BigDecimal.valueOf(r).setScale(4, RoundingMode.HALF_UP).toPlainString())),
            () -> out.put("cache_hit_ratio", JsonNull.INSTANCE));
    return out;
  }
}
