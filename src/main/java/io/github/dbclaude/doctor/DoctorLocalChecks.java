package io.github.dbclaude.doctor;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.State;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.lifecycle.HealthProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The {@code doctor} checks that need only files and the loopback port. */
final class DoctorLocalChecks {
  private static final String ENSURE = HookEntries.ENSURE_COMMAND;
  private static final String RELEASE = HookEntries.RELEASE_COMMAND;
  private static final Set<String> OUR_KEYS =
      Set.of(
          "ANTHROPIC_BASE_URL",
          "ANTHROPIC_AUTH_TOKEN",
          "ANTHROPIC_API_KEY",
          "ANTHROPIC_MODEL",
          "ANTHROPIC_DEFAULT_OPUS_MODEL",
          "ANTHROPIC_DEFAULT_SONNET_MODEL",
          "ANTHROPIC_DEFAULT_HAIKU_MODEL",
          "ANTHROPIC_CUSTOM_HEADERS");

  private DoctorLocalChecks() {}

  /** settings.json, or empty after adding a finding when it cannot be read. */
  static Optional<JsonObject> readSettings(SettingsFile file, List<DoctorFinding> findings) {
    try {
      return Optional.of(file.read());
    } catch (UserFacingException e) {
      findings.add(
          DoctorFinding.fail(
              "settings",
              e.getMessage(),
              "correct the JSON by hand; databricks-claude never rewrites a file it cannot parse"));
      return Optional.empty();
    }
  }

  static DoctorFinding settings(JsonObject settings, int port, PortProbe probe) {
    JsonObject env = settings.object("env").orElseGet(JsonObject::new);
    String base = env.string("ANTHROPIC_BASE_URL").orElse("");
    if (!HookEntries.installed(settings)) {
      return settingsWithoutHooks(base, ProxyEnv.baseUrlPort(settings), probe);
    }
    String ours = "http://127.0.0.1:" + port;
    String rerun = "run databricks-claude once (or databricks-claude --install-hooks)";
    if (base.isEmpty()) {
      return DoctorFinding.fail(
          "settings", "ANTHROPIC_BASE_URL is not set in settings.json", rerun);
    }
    if (!base.equals(ours) && !base.equals("https://127.0.0.1:" + port)) {
      return DoctorFinding.fail(
          "settings",
          "ANTHROPIC_BASE_URL is " + base + ", not our proxy " + ours,
          rerun + (base.startsWith("http://127.0.0.1") ? " with the right --port" : ""));
    }
    // The model keys and env block are compared with discovery by DoctorModelChecks.
    return DoctorFinding.ok("settings", "ANTHROPIC_BASE_URL is " + ours);
  }

  /**
   * Without hooks the global keys are not ours to keep: wrapper sessions get theirs through {@code
   * --settings}, so only a base URL left pointing at a dead local port is a problem — it breaks
   * plain {@code claude} and the IDEs.
   */
  private static DoctorFinding settingsWithoutHooks(
      String base, OptionalInt localPort, PortProbe probe) {
    if (base.isEmpty()) {
      return DoctorFinding.ok(
          "settings",
          "no proxy keys in settings.json (hooks not installed; wrapper sessions pass theirs"
              + " with --settings)");
    }
    if (localPort.isPresent() && !probe.isListening(localPort.getAsInt())) {
      return DoctorFinding.fail(
          "settings",
          "ANTHROPIC_BASE_URL is "
              + base
              + " but nothing listens there and no hooks are installed: plain claude and IDEs"
              + " cannot connect",
          "run databricks-claude doctor --fix (or --uninstall-hooks; both remove only our keys)");
    }
    return DoctorFinding.ok(
        "settings",
        "ANTHROPIC_BASE_URL is "
            + base
            + (localPort.isPresent() ? " (a proxy serves it)" : " (not ours; left alone)"));
  }

  /** Our SessionStart/SessionEnd hooks: none, or exactly one each with the current commands. */
  static DoctorFinding hooks(JsonObject settings) {
    List<String> ours = new ArrayList<>();
    JsonObject hooks = settings.object("hooks").orElseGet(JsonObject::new);
    for (String event : hooks.keys()) {
      for (JsonValue entry : hooks.array(event).map(JsonArray::items).orElse(List.of())) {
        commands(entry).stream()
            .filter(HookEntries::isOurCommand)
            .forEach(c -> ours.add(event + ": " + c));
      }
    }
    String reinstall = "run databricks-claude hooks install (or doctor --fix)";
    if (ours.isEmpty()) {
      return DoctorFinding.ok("hooks", "not installed (only the wrapper starts the proxy)");
    }
    if (isPair(ours, ENSURE, RELEASE)) {
      return HookEntries.needsUpgrade(settings)
          ? DoctorFinding.warn(
              "hooks",
              "SessionStart runs on startup only: claude --continue, /clear and /compact get no"
                  + " proxy",
              "run databricks-claude hooks install (or any databricks-claude session)")
          : DoctorFinding.ok("hooks", "installed once (SessionStart, SessionEnd)");
    }
    if (isPair(ours, HookEntries.LEGACY_ENSURE_COMMAND, HookEntries.LEGACY_RELEASE_COMMAND)) {
      return DoctorFinding.warn(
          "hooks",
          "installed in the v0.19 form (--headless-ensure/--headless-release), which the Go v2"
              + " tool does not understand",
          reinstall);
    }
    return DoctorFinding.fail(
        "hooks", "duplicate or stale hook entries: " + String.join("; ", ours), reinstall);
  }

  private static boolean isPair(List<String> ours, String ensure, String release) {
    return ours.equals(List.of("SessionStart: " + ensure, "SessionEnd: " + release))
        || ours.equals(List.of("SessionEnd: " + release, "SessionStart: " + ensure));
  }

  private static List<String> commands(JsonValue entry) {
    if (!(entry instanceof JsonObject object)) {
      return List.of();
    }
    return object.array("hooks").map(JsonArray::items).orElse(List.of()).stream()
        .flatMap(
            h ->
                h instanceof JsonObject handler
                    ? handler.string("command").stream()
                    : java.util.stream.Stream.empty())
        .toList();
  }

  /** A managed (enterprise) settings file wins over the user's settings.json. */
  static DoctorFinding managedSettings(Path managed) {
    if (!Files.isRegularFile(managed)) {
      return DoctorFinding.ok("managed", "no managed settings at " + managed);
    }
    JsonValue parsed;
    try {
      parsed = Json.parse(Files.readString(managed));
    } catch (IOException e) {
      return DoctorFinding.warn(
          "managed",
          "cannot read " + managed + ": " + e.getMessage(),
          "ask your administrator to check that file");
    }
    List<String> overriding = new ArrayList<>();
    if (parsed instanceof JsonObject object) {
      JsonObject env = object.object("env").orElseGet(JsonObject::new);
      env.keys().stream().filter(OUR_KEYS::contains).forEach(overriding::add);
      if (object.has("apiKeyHelper")) {
        overriding.add("apiKeyHelper");
      }
    }
    if (overriding.isEmpty()) {
      return DoctorFinding.ok("managed", managed + " sets none of our keys");
    }
    return DoctorFinding.fail(
        "managed",
        managed + " overrides " + String.join(", ", overriding),
        "ask your administrator to remove those keys: managed settings beat"
            + " ~/.claude/settings.json");
  }

  static DoctorFinding otel(JsonObject settings, State state) {
    JsonObject env = settings.object("env").orElseGet(JsonObject::new);
    List<String> tables = new ArrayList<>();
    for (String kind : List.of("METRICS", "LOGS", "TRACES")) {
      env.string("CLAUDE_OTEL_UC_" + kind + "_TABLE")
          .filter(t -> !t.isEmpty())
          .ifPresent(t -> tables.add(kind.toLowerCase(java.util.Locale.ROOT) + " " + t));
    }
    if (tables.isEmpty()) {
      for (String t :
          List.of(state.otelMetricsTable(), state.otelLogsTable(), state.otelTracesTable())) {
        if (!t.isEmpty()) {
          tables.add(t);
        }
      }
    }
    return tables.isEmpty()
        ? DoctorFinding.ok("otel", "no OTEL tables configured (telemetry is not exported)")
        : DoctorFinding.ok("otel", "tables: " + String.join(", ", tables));
  }

  /** What answers on the proxy port: ours (and which version), nothing, or a stranger. */
  static DoctorFinding proxyPort(int port) {
    Optional<HealthProbe.Health> health = HealthProbe.probe(port, Duration.ofSeconds(2));
    if (health.isPresent() && health.get().isOurs()) {
      HealthProbe.Health h = health.get();
      return h.version().equals(BuildInfo.version())
          ? DoctorFinding.ok(
              "proxy",
              "databricks-claude " + h.version() + " (pid " + h.pid() + ") on port " + port)
          : DoctorFinding.warn(
              "proxy",
              "databricks-claude "
                  + h.version()
                  + " (pid "
                  + h.pid()
                  + ") on port "
                  + port
                  + " is not this version ("
                  + BuildInfo.version()
                  + ")",
              "it stops when its sessions end; or POST http://127.0.0.1:" + port + "/shutdown");
    }
    if (PortProbe.tcp(Duration.ofSeconds(1)).isListening(port)) {
      return DoctorFinding.fail(
          "proxy",
          "another program listens on port " + port,
          "stop it, or choose another port with databricks-claude --port <n>");
    }
    return DoctorFinding.ok("proxy", "nothing on port " + port + " (a session starts the proxy)");
  }
}
