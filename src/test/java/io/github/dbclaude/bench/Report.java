package io.github.dbclaude.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's result tables, printed as Markdown so they can be pasted into
 * docs/PERFORMANCE.md: one table per section (cold proxy, warm proxy, start-up and size).
 */
final class Report {
  /** One line of a table; {@code pass} is null for informational rows. */
  record Row(
      String metric, String direct, String proxied, String delta, String target, Boolean pass) {}

  private record Section(String title, List<Row> rows) {}

  private final List<Section> sections = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** Starts a new table; the rows added next belong to it. */
  void section(String title) {
    sections.add(new Section(title, new ArrayList<>()));
  }

  /** A latency row: lower is better; met when {@code added} is at most {@code limit}. */
  void added(String metric, double direct, double proxied, String unit, double limit) {
    double added = proxied - direct;
    add(
        new Row(
            metric,
            num(direct) + " " + unit,
            num(proxied) + " " + unit,
            (added >= 0 ? "+" : "") + num(added) + " " + unit,
            "added ≤ " + num(limit) + " " + unit,
            added <= limit));
  }

  /** A rate row: higher is better; met when proxied/direct is at least {@code minRatio}. */
  void ratio(String metric, double direct, double proxied, String unit, double minRatio) {
    double ratio = proxied / direct;
    add(
        new Row(
            metric,
            num(direct) + " " + unit,
            num(proxied) + " " + unit,
            String.format(Locale.ROOT, "%.2f×", ratio),
            String.format(Locale.ROOT, "≥ %.2f×", minRatio),
            ratio >= minRatio));
  }

  /** A duration row: lower is better; met when proxied/direct is at most {@code maxRatio}. */
  void timeRatio(String metric, double direct, double proxied, String unit, double maxRatio) {
    double ratio = proxied / direct;
    add(
        new Row(
            metric,
            num(direct) + " " + unit,
            num(proxied) + " " + unit,
            String.format(Locale.ROOT, "%.2f×", ratio),
            String.format(Locale.ROOT, "≤ %.2f×", maxRatio),
            ratio <= maxRatio));
  }

  /** A single-value row (e.g. memory) checked against {@code limit}. */
  void atMost(String metric, String direct, double proxied, String unit, double limit) {
    add(
        new Row(
            metric,
            direct,
            num(proxied) + " " + unit,
            "",
            "≤ " + num(limit) + " " + unit,
            proxied <= limit));
  }

  void info(String metric, String direct, String proxied, String delta) {
    add(new Row(metric, direct, proxied, delta, "", null));
  }

  void note(String text) {
    notes.add(text);
  }

  boolean allMet() {
    return sections.stream()
        .flatMap(section -> section.rows().stream())
        .allMatch(row -> row.pass() == null || row.pass());
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    for (Section section : sections) {
      out.append("#### ").append(section.title()).append("\n\n");
      out.append("| metric | direct | proxied / ours | ratio / added | target | result |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (Row row : section.rows()) {
        String result = row.pass() == null ? "info" : row.pass() ? "met" : "**missed**";
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
      out.append('\n');
    }
    for (String note : notes) {
      out.append("* ").append(note).append('\n');
    }
    return out.toString();
  }

  private void add(Row row) {
    if (sections.isEmpty()) {
      section("Results");
    }
    sections.get(sections.size() - 1).rows().add(row);
  }

  static String num(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
