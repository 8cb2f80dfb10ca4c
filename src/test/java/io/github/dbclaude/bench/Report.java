package io.github.dbclaude.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's result table, printed as Markdown so it can be pasted into docs/PERFORMANCE.md.
 */
final class Report {
  /** One line of the table; {@code pass} is null for informational rows. */
  record Row(
      String metric, String direct, String proxied, String delta, String target, Boolean pass) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A latency row: lower is better; passes when {@code added} is at most {@code limit}. */
  void added(String metric, double direct, double proxied, String unit, double limit) {
    double added = proxied - direct;
    rows.add(
        new Row(
            metric,
            num(direct) + " " + unit,
            num(proxied) + " " + unit,
            "+" + num(added) + " " + unit,
            "added ≤ " + num(limit) + " " + unit,
            added <= limit));
  }

  /** A rate row: higher is better; passes when proxied/direct is at least {@code minRatio}. */
  void ratio(String metric, double direct, double proxied, String unit, double minRatio) {
    double ratio = proxied / direct;
    rows.add(
        new Row(
            metric,
            num(direct) + " " + unit,
            num(proxied) + " " + unit,
            String.format(Locale.ROOT, "%.2f×", ratio),
            "≥ " + num(minRatio) + "×",
            ratio >= minRatio));
  }

  /** A single-value row (e.g. memory) checked against {@code limit}. */
  void atMost(String metric, String direct, double proxied, String unit, double limit) {
    rows.add(
        new Row(
            metric,
            direct,
            num(proxied) + " " + unit,
            "",
            "≤ " + num(limit) + " " + unit,
            proxied <= limit));
  }

  void info(String metric, String direct, String proxied, String delta) {
    rows.add(new Row(metric, direct, proxied, delta, "", null));
  }

  void note(String text) {
    notes.add(text);
  }

  boolean allPass() {
    return rows.stream().allMatch(row -> row.pass() == null || row.pass());
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| metric | direct | proxied | ratio / added | target | result |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String result = row.pass() == null ? "info" : row.pass() ? "PASS" : "FAIL";
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  row.metric(),
                  row.direct(),
                  row.proxied(),
                  row.delta(),
                  row.target(),
                  result))
          .append(" |\n");
    }
    for (String note : notes) {
      out.append("\n* ").append(note);
    }
    return out.append('\n').toString();
  }

  static String num(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
