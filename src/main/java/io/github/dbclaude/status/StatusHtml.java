package io.github.dbclaude.status;

import io.github.dbclaude.usage.InFlight;
import io.github.dbclaude.usage.TokenCounts;
import io.github.dbclaude.usage.UsageRecord;
import io.github.dbclaude.usage.UsageReport;
import io.github.dbclaude.usage.UsageTotals;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link StatusView} as one self-contained HTML page that reloads itself. */
final class StatusHtml {
  static final int REFRESH_SECONDS = 5;
  static final int CHART_DAYS = 14;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
  private static final String STYLE =
      "body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}"
          + "h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
          + "table{border-collapse:collapse;background:#fff}"
          + "td,th{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:right;"
          + "white-space:nowrap}td:first-child,th:first-child,.l{text-align:left}"
          + "dl{display:grid;grid-template-columns:max-content auto;gap:4px 16px}"
          + "dt{color:#666}dd{margin:0}.err{color:#b00020}.muted{color:#888}"
          + ".legend span{display:inline-block;margin-right:14px}"
          + ".swatch{display:inline-block;width:10px;height:10px;margin-right:4px}";

  private StatusHtml() {}

  static String render(StatusView v) {
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\"><title>databricks-claude status</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>databricks-claude proxy</h1>");
    facts(html, v);
    if (!v.note().isEmpty()) {
      html.append("<p class=\"err\" id=\"note\">").append(Html.escape(v.note())).append("</p>");
    }
    today(html, v);
    charts(html, v);
    inFlight(html, v);
    latest(html, v);
    html.append("<p class=\"muted\">Refreshes every ")
        .append(REFRESH_SECONDS)
        .append(" s. Read-only; usage records dropped by this proxy: <span id=\"dropped\">")
        .append(v.dropped())
        .append("</span>.</p></body></html>\n");
    return html.toString();
  }

  private static void facts(StringBuilder html, StatusView v) {
    StatusFacts f = v.facts();
    String expiry =
        v.tokenExpiry()
            .map(
                e ->
                    e.equals(java.time.Instant.MAX)
                        ? "does not expire (personal access token)"
                        : time(v, e) + " (in " + minutes(Duration.between(v.now(), e)) + ")")
            .orElse("no token cached yet");
    html.append("<dl id=\"facts\">");
    fact(html, "Version", f.version());
    fact(html, "Profile", f.profile());
    fact(html, "Workspace", f.workspace());
    fact(html, "Sessions", Integer.toString(v.sessions()));
    fact(html, "Token expires", expiry);
    fact(
        html,
        "Log",
        f.logPath().isEmpty() ? "off (start with --verbose or --log-file)" : f.logPath());
    fact(html, "Updated", time(v, v.now()));
    html.append("</dl>");
  }

  private static void fact(StringBuilder html, String name, String value) {
    html.append("<dt>").append(name).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
  }

  private static void today(StringBuilder html, StatusView v) {
    LocalDate today = v.now().atZone(v.zone()).toLocalDate();
    List<UsageRecord> records =
        v.history().stream()
            .filter(r -> r.time().atZone(v.zone()).toLocalDate().equals(today))
            .toList();
    UsageTotals total = UsageTotals.total(records);
    html.append("<h2>Today</h2><table id=\"today\"><thead><tr><th>Model</th><th>Requests</th>")
        .append("<th>Input</th><th>Output</th><th>Cache read</th><th>Cache write</th>")
        .append("<th>Cache hit</th><th>Errors</th></tr></thead><tbody>");
    for (UsageTotals row : UsageTotals.of(records, UsageTotals.By.MODEL, v.zone())) {
      totalsRow(html, row, "");
    }
    html.append("</tbody><tfoot>");
    totalsRow(html, total, " id=\"today-total\"");
    html.append("</tfoot></table>");
  }

  private static void totalsRow(StringBuilder html, UsageTotals row, String id) {
    TokenCounts t = row.tokens();
    html.append("<tr").append(id).append("><td>").append(Html.escape(row.key())).append("</td>");
    cell(html, "requests", Long.toString(row.requests()));
    cell(html, "input", Long.toString(t.input()));
    cell(html, "output", Long.toString(t.output()));
    cell(html, "cache-read", Long.toString(t.cacheRead()));
    cell(html, "cache-write", Long.toString(t.cacheCreation()));
    cell(html, "cache-hit", UsageReport.ratio(t));
    cell(html, "errors", Long.toString(row.errors()));
    html.append("</tr>");
  }

  private static void cell(StringBuilder html, String name, String value) {
    html.append("<td class=\"").append(name).append("\">").append(value).append("</td>");
  }

  private static void charts(StringBuilder html, StatusView v) {
    LocalDate today = v.now().atZone(v.zone()).toLocalDate();
    List<LocalDate> days = new ArrayList<>();
    for (int i = CHART_DAYS - 1; i >= 0; i--) {
      days.add(today.minusDays(i));
    }
    Map<LocalDate, Map<String, Long>> tokens = new LinkedHashMap<>();
    TreeMap<LocalDate, TokenCounts> perDay = new TreeMap<>();
    for (UsageRecord r : v.history()) {
      LocalDate day = r.time().atZone(v.zone()).toLocalDate();
      String model = r.model().isEmpty() ? "(unknown)" : r.model();
      tokens
          .computeIfAbsent(day, d -> new LinkedHashMap<>())
          .merge(model, r.tokens().total(), Long::sum);
      perDay.merge(day, r.tokens(), TokenCounts::plus);
    }
    List<String> models =
        UsageTotals.of(v.history(), UsageTotals.By.MODEL, v.zone()).stream()
            .map(UsageTotals::key)
            .toList();
    html.append("<h2>Tokens per model per day (14 days)</h2>")
        .append(SvgCharts.tokensPerDay(days, models, tokens))
        .append("<div class=\"legend\">");
    for (int m = 0; m < models.size(); m++) {
      html.append("<span><i class=\"swatch\" style=\"background:")
          .append(SvgCharts.colour(m))
          .append("\"></i>")
          .append(Html.escape(models.get(m)))
          .append("</span>");
    }
    html.append("</div><h2>Cache hit ratio (14 days)</h2>")
        .append(SvgCharts.cacheHitRatio(days, perDay));
  }

  private static void inFlight(StringBuilder html, StatusView v) {
    html.append("<h2>In flight (<span id=\"in-flight-count\">")
        .append(v.inFlight().size())
        .append("</span>)</h2><table id=\"in-flight\"><thead><tr><th>Started</th>")
        .append("<th>Model</th><th>Session</th><th>Running for</th></tr></thead><tbody>");
    for (InFlight r : v.inFlight()) {
      html.append("<tr>");
      td(html, "", time(v, r.time()));
      td(html, "", r.model());
      td(html, "", shortSession(r.session()));
      td(html, "", r.ageMillis() + " ms");
      html.append("</tr>");
    }
    html.append("</tbody></table>");
  }

  private static void latest(StringBuilder html, StatusView v) {
    html.append("<h2>Last ")
        .append(v.latest().size())
        .append(" requests</h2><table id=\"latest\"><thead><tr><th>Time</th>")
        .append(
            "<th class=\"l\">Model</th><th class=\"l\">Status</th><th>Duration</th><th>First"
                + " byte</th><th>Input</th>")
        .append("<th>Output</th><th>Cache read</th><th>Cache write</th>")
        .append("<th class=\"l\">Session</th><th class=\"l\">Web tools</th></tr></thead><tbody>");
    for (UsageRecord r : v.latest()) {
      String status = r.status() + (r.error().isEmpty() ? "" : " " + r.error());
      html.append("<tr>");
      td(html, "", time(v, r.time()));
      td(html, "l", r.model());
      td(html, r.failed() ? "l err" : "l", status);
      td(html, "", r.durationMillis() + " ms");
      td(html, "", r.firstByteMillis() < 0 ? "-" : r.firstByteMillis() + " ms");
      td(html, "", Long.toString(r.tokens().input()));
      td(html, "", Long.toString(r.tokens().output()));
      td(html, "", Long.toString(r.tokens().cacheRead()));
      td(html, "", Long.toString(r.tokens().cacheCreation()));
      td(html, "l", shortSession(r.session()));
      td(html, "l", r.webToolsLocal() ? "local" : "");
      html.append("</tr>");
    }
    html.append("</tbody></table>");
  }

  private static void td(StringBuilder html, String cls, String text) {
    html.append(cls.isEmpty() ? "<td>" : "<td class=\"" + cls + "\">")
        .append(Html.escape(text))
        .append("</td>");
  }

  private static String time(StatusView v, java.time.Instant instant) {
    return TIME.format(instant.atZone(v.zone()));
  }

  private static String minutes(Duration d) {
    return d.isNegative() ? "expired" : d.toMinutes() + " min";
  }

  private static String shortSession(String session) {
    return session.length() > 8 ? session.substring(0, 8) : session;
  }
}
