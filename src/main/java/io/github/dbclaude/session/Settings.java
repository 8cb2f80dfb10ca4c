package io.github.dbclaude.session;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.config.OtelEnv;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.ModelSettings;
import io.github.dbclaude.models.ModelSettingsWriter;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who configures Claude Code where: the global keys of settings.json belong to the modes that serve
 * other clients — hooks, and a headless proxy run by hand — while a wrapper session hands its own
 * {@code claude} the same keys through {@code --settings}. Profile and port are remembered in the
 * state file either way; the model keys and env block always come from {@link #modelWriter},
 * whichever of the two carries them.
 */
public final class Settings {
  private static final String ENV = "env";

  private Settings() {}

  /**
   * Remembers profile and port and, when {@code global}, points settings.json at {@code proxyUrl}.
   *
   * @return the settings.json env entries this call wrote (empty when it wrote none), so a
   *     hand-started proxy can take back exactly those when it stops
   */
  public static Map<String, String> point(
      Environment environment,
      UserFiles files,
      SessionPlan plan,
      int portFlag,
      String proxyApiKeyFlag,
      String proxyUrl,
      boolean global,
      Log log)
      throws UserFacingException {
    SettingsFile file = files.settings();
    SettingsBootstrap bootstrap = bootstrap(files);
    ModelSettingsWriter models = modelWriter(environment, files, log);
    Map<String, String> written = new LinkedHashMap<>();
    try {
      bootstrap.remember(portFlag, plan.profile().name());
      if (global) {
        Map<String, String> extra =
            extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment));
        PortProbe probe = PortProbe.tcp(Duration.ofMillis(200));
        Consumer<JsonObject> modelEdit = plan.fullSetup() ? models.edit() : s -> {};
        file.update(
            s -> {
              JsonObject before = s.object(ENV).orElseGet(JsonObject::new).copy();
              ProxyEnv.apply(s, proxyUrl, extra, probe);
              modelEdit.accept(s);
              written.clear();
              written.putAll(changedEnv(before, s));
            });
        models.record();
      }
      log.debug(
          written.isEmpty()
              ? "settings.json left as it is"
              : "settings.json now points at " + proxyUrl);
      return written;
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /** Writes our model keys, picker and env block for this user's Claude Code. */
  public static ModelSettingsWriter modelWriter(Environment environment, UserFiles files, Log log) {
    return new ModelSettingsWriter(
        files.state(), BuildInfo.version(), ClaudeVersion.of(environment, files.state(), log));
  }

  /**
   * Takes back what {@link #point} wrote — and the model keys and picker we recorded writing since
   * (a discovery may have refreshed them) — unless hooks were installed meanwhile (then the keys
   * are theirs). Never fails: the proxy is stopping anyway.
   */
  public static void withdraw(
      Environment environment, UserFiles files, Map<String, String> written, Log log) {
    if (written.isEmpty() || hooksInstalled(files)) {
      return;
    }
    try {
      ModelState models = files.state().read().models();
      List<String> removed = new ArrayList<>();
      files
          .settings()
          .update(
              s -> {
                removed.clear();
                removed.addAll(ProxyEnv.withdraw(s, written));
                removed.addAll(
                    ProxyEnv.removeMatching(s, (k, v) -> ModelSettings.ours(k, v, models)));
                if (ModelSettings.removePicker(s, models)) {
                  removed.add(ModelSettings.PICKER);
                }
              });
      log.debug("settings.json: removed " + removed);
    } catch (UserFacingException | IOException e) {
      environment
          .err()
          .println(
              "databricks-claude: warning: cannot remove the proxy keys from"
                  + " ~/.claude/settings.json: "
                  + e.getMessage());
    }
  }

  /**
   * The settings a wrapper's {@code claude} gets through {@code --settings}: the proxy URL, its
   * token (the proxy API key when one is set), the OTEL keys and, on a full setup, exactly the
   * model keys, env block and picker {@link #modelWriter} would write into the user's settings.json
   * (so the user's own pins there still win).
   */
  public static JsonObject sessionSettings(
      Environment environment,
      UserFiles files,
      SessionPlan plan,
      String proxyApiKeyFlag,
      String proxyUrl,
      Log log)
      throws UserFacingException {
    JsonObject settings = new JsonObject();
    JsonObject env = settings.ensureObject(ENV);
    env.put(ProxyEnv.BASE_URL, proxyUrl);
    env.put(ProxyEnv.AUTH_TOKEN, ProxyEnv.PROXY_MANAGED);
    if (plan.fullSetup()) {
      JsonObject models = modelWriter(environment, files, log).preview(files.settings().read());
      models.object(ENV).ifPresent(e -> e.asMap().forEach(env::put));
      models.object(ModelSettings.PICKER).ifPresent(p -> settings.put(ModelSettings.PICKER, p));
    }
    extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment))
        .forEach(
            (k, v) -> {
              if (v != null && !v.isEmpty()) {
                env.put(k, v);
              }
            });
    // A shared proxy started without this session's tables learns them from the export itself
    // (it reads the global settings.json only in hooks mode).
    for (OtelEnv.Signal signal : OtelEnv.Signal.values()) {
      String table = env.string(signal.tableKey()).orElse("");
      if (!table.isEmpty()) {
        env.put(
            "OTEL_EXPORTER_OTLP_" + signal.name() + "_HEADERS",
            "content-type=application/x-protobuf,X-Databricks-UC-Table-Name=" + table);
      }
    }
    return settings;
  }

  /** Whether our hook entries are in settings.json; an unreadable file counts as no. */
  public static boolean hooksInstalled(UserFiles files) {
    try {
      return HookEntries.installed(files.settings().read());
    } catch (UserFacingException e) {
      return false;
    }
  }

  /**
   * Widens a SessionStart entry of ours that runs on {@code startup} only (written by the Go tool
   * or an older version) so {@code --continue}, {@code /clear} and {@code /compact} get a proxy too
   * . Cheap when there is nothing to do: one read, no lock. Never fails the run.
   */
  public static void upgradeHooks(UserFiles files, Log log) {
    SettingsFile settings = files.settings();
    try {
      if (HookEntries.needsUpgrade(settings.read()) && settings.update(HookEntries::upgrade)) {
        log.debug("SessionStart hook now runs for every source (startup, resume, clear, compact)");
      }
    } catch (UserFacingException | IOException e) {
      log.debug("cannot upgrade the hook entries: " + e.getMessage());
    }
  }

  /**
   * The settings bootstrap for this user; a loopback entry of another port is kept only if
   * something answers there within 200 ms.
   */
  public static SettingsBootstrap bootstrap(UserFiles files) {
    return new SettingsBootstrap(
        files.settings(), files.state(), PortProbe.tcp(Duration.ofMillis(200)));
  }

  /** The string entries of {@code after}'s env that are new or differ from {@code before}. */
  private static Map<String, String> changedEnv(JsonObject before, JsonObject after) {
    Map<String, String> changed = new LinkedHashMap<>();
    JsonObject env = after.object(ENV).orElseGet(JsonObject::new);
    for (String key : env.keys()) {
      Optional<String> now = env.string(key);
      if (now.isPresent() && !before.string(key).equals(now)) {
        changed.put(key, now.get());
      }
    }
    return changed;
  }

  /**
   * The settings.json keys besides the proxy URL, the model keys and the env block (those come from
   * {@link #modelWriter}): the proxy key and the OTEL keys.
   */
  private static Map<String, String> extraEnv(
      SessionPlan plan, String proxyUrl, Optional<String> key) {
    Map<String, String> extra = new LinkedHashMap<>();
    // Claude Code authenticates to a keyed proxy with the key instead of the placeholder
    // (docs/DIFFERENCES.md, "--proxy-api-key").
    key.ifPresent(k -> extra.put(ProxyKey.SETTINGS_TOKEN, k));
    extra.putAll(OtelSetup.settingsKeys(plan.otelTables(), proxyUrl));
    return extra;
  }
}
