package io.github.dbclaude.status;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.proxy.ProxyObserver;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsageRecord;
import io.github.dbclaude.usage.UsageRecorder;
import io.github.dbclaude.usage.UsageTotals;
import io.github.dbclaude.usage.UsageWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The proxy's observer when usage is recorded: passes exchanges to the {@link UsageRecorder} and
 * serves {@code /} (the status page) and {@code /status.json} (its figures) from the usage database
 * and the recorder's in-memory view.
 */
public final class StatusPages implements ProxyObserver {
  static final String PAGE = "/";
  static final String DATA = "/status.json";
  static final int LATEST = 50;

  private final UsageRecorder recorder;
  private final UsageWriter writer;
  private final Path database;
  private final StatusFacts facts;
  private final Clock clock;

  public StatusPages(
      UsageRecorder recorder, UsageWriter writer, Path database, StatusFacts facts, Clock clock) {
    this.recorder = recorder;
    this.writer = writer;
    this.database = database;
    this.facts = facts;
    this.clock = clock;
  }

  @Override
  public Observation started(String method, String path, UnaryOperator<String> header) {
    return recorder.started(method, path, header);
  }

  @Override
  public Optional<PageRenderer> page(String path) {
    return switch (path) {
      case PAGE -> Optional.of(query -> html(view()));
      case DATA -> Optional.of(query -> json(view()));
      default -> Optional.empty();
    };
  }

  StatusView view() {
    Instant now = clock.instant();
    LocalDate first =
        now.atZone(clock.getZone()).toLocalDate().minusDays(StatusHtml.CHART_DAYS - 1);
    List<UsageRecord> latest = recorder.recent();
    List<UsageRecord> history = List.of();
    String note = "";
    try (UsageDatabase db = UsageDatabase.openExisting(database).orElse(null)) {
      if (db != null) {
        latest = db.latest(LATEST);
        history = db.since(first.atStartOfDay(clock.getZone()).toInstant());
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      note =
          "Cannot read the usage database (showing this proxy's requests only): " + e.getMessage();
    }
    return new StatusView(
        facts,
        now,
        clock.getZone(),
        facts.sessions().getAsInt(),
        facts.tokenExpiry().get(),
        recorder.inFlight(),
        latest,
        history,
        writer.dropped(),
        note);
  }

  private static LocalPage html(StatusView view) {
    return new LocalPage(
        200, "text/html; charset=utf-8", StatusHtml.render(view).getBytes(StandardCharsets.UTF_8));
  }

  private static LocalPage json(StatusView view) {
    LocalDate today = view.now().atZone(view.zone()).toLocalDate();
    UsageTotals total =
        UsageTotals.total(
            view.history().stream()
                .filter(r -> r.time().atZone(view.zone()).toLocalDate().equals(today))
                .toList());
    JsonArray latest = new JsonArray();
    for (UsageRecord r : view.latest()) {
      latest.add(
          new JsonObject()
              .put("time", r.time().toString())
              .put("model", r.model())
              .put("status", JsonNumber.of(r.status()))
              .put("duration_ms", JsonNumber.of(r.durationMillis()))
              .put("input_tokens", JsonNumber.of(r.tokens().input()))
              .put("output_tokens", JsonNumber.of(r.tokens().output())));
    }
    JsonObject out =
        new JsonObject()
            .put("profile", view.facts().profile())
            .put("workspace", view.facts().workspace())
            .put("sessions", JsonNumber.of(view.sessions()))
            .put("in_flight", JsonNumber.of(view.inFlight().size()))
            .put("today_requests", JsonNumber.of(total.requests()))
            .put("today_tokens", JsonNumber.of(total.tokens().total()))
            .put("dropped", JsonNumber.of(view.dropped()))
            .put("latest", latest);
    return new LocalPage(
        200, "application/json", (Json.pretty(out) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
