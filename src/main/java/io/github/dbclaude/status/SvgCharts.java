package io.github.dbclaude.status;

import io.github.dbclaude.usage.TokenCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** The page's two charts as inline SVG: tokens per model per day, and the cache hit ratio. */
final class SvgCharts {
  static final String[] COLOURS = {
    "#2f6fde", "#e0702b", "#2a9d5b", "#b9457e", "#8a63d2", "#c9a227", "#4aa3b5", "#7d7d7d"
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 200;
  private static final int LEFT = 56;
  private static final int BOTTOM = 24;

  private SvgCharts() {}

  /** Stacked bars: one per day, one colour per model (in {@code models} order). */
  static String tokensPerDay(
      List<LocalDate> days, List<String> models, Map<LocalDate, Map<String, Long>> tokens) {
    long max = 1;
    for (LocalDate day : days) {
      max =
          Math.max(
              max, tokens.getOrDefault(day, Map.of()).values().stream().mapToLong(v -> v).sum());
    }
    StringBuilder svg = open("tokens-chart", "Tokens per model per day");
    axis(svg, Html.compact(max));
    double slot = (double) (WIDTH - LEFT) / days.size();
    for (int d = 0; d < days.size(); d++) {
      double y = HEIGHT - BOTTOM;
      Map<String, Long> day = tokens.getOrDefault(days.get(d), Map.of());
      for (int m = 0; m < models.size(); m++) {
        long value = day.getOrDefault(models.get(m), 0L);
        double h = (HEIGHT - BOTTOM - 10) * (double) value / max;
        if (value > 0) {
          y -= h;
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                      + " fill=\"%s\"><title>%s %s: %d tokens</title></rect>",
                  LEFT + d * slot + 2,
                  y,
                  slot - 4,
                  h,
                  colour(m),
                  days.get(d),
                  Html.escape(models.get(m)),
                  value));
        }
      }
      dayLabel(svg, days, d, slot);
    }
    return svg.append("</svg>").toString();
  }

  /** One point per day with a prompt: the share of prompt tokens read from the cache. */
  static String cacheHitRatio(List<LocalDate> days, SortedMap<LocalDate, TokenCounts> perDay) {
    StringBuilder svg = open("cache-chart", "Cache hit ratio per day");
    axis(svg, "100%");
    double slot = (double) (WIDTH - LEFT) / days.size();
    List<String> points = new ArrayList<>();
    for (int d = 0; d < days.size(); d++) {
      TokenCounts counts = perDay.get(days.get(d));
      if (counts != null && counts.cacheHitRatio().isPresent()) {
        double ratio = counts.cacheHitRatio().getAsDouble();
        double x = LEFT + d * slot + slot / 2;
        double y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - 10) * ratio;
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                    + "<title>%s: %d%%</title></circle>",
                x,
                y,
                COLOURS[2],
                days.get(d),
                Math.round(ratio * 100)));
      }
      dayLabel(svg, days, d, slot);
    }
    if (points.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(COLOURS[2])
          .append("\" stroke-width=\"2\" points=\"")
          .append(String.join(" ", points))
          .append("\"/>");
    }
    return svg.append("</svg>").toString();
  }

  static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }

  private static StringBuilder open(String id, String title) {
    return new StringBuilder()
        .append("<svg id=\"")
        .append(id)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\"><title>")
        .append(title)
        .append("</title>");
  }

  private static void axis(StringBuilder svg, String top) {
    int base = HEIGHT - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<text x=\"%d\" y=\"16\" text-anchor=\"end\" font-size=\"11\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">0</text>",
            LEFT,
            LEFT,
            base,
            LEFT,
            base,
            WIDTH,
            base,
            LEFT - 4,
            top,
            LEFT - 4,
            base));
  }

  private static void dayLabel(StringBuilder svg, List<LocalDate> days, int d, double slot) {
    if (d % 2 == days.size() % 2 || d == days.size() - 1) {
      LocalDate day = days.get(d);
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%02d-%02d</text>",
              LEFT + d * slot + slot / 2,
              HEIGHT - 8,
              day.getMonthValue(),
              day.getDayOfMonth()));
    }
  }
}
