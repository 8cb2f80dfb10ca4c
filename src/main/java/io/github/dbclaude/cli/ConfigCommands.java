package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.config.OtelEnv;
import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.config.OtelSwitch;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.models.ModelSettingsWriter;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.session.OtelResolution;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code config} leaves: change what later sessions do without starting claude or a proxy. No
 * network; flag values were checked while parsing, so a bad one has saved nothing.
 */
final class ConfigCommands {
  private ConfigCommands() {}

  /** {@code config otel enable}: the tables from flags, else the kept ones, else the default. */
  static int otelEnable(Invocation call) throws UserFacingException {
    WrapperOptions o = call.options();
    Files files = Files.of(call);
    State state = files.state.read();
    String metrics = o.otelMetricsTableGiven ? o.otelMetricsTable : state.otelMetricsTable();
    metrics = metrics.isEmpty() ? WrapperOptions.DEFAULT_METRICS_TABLE : metrics;
    String logs = o.otelLogsTableGiven ? o.otelLogsTable : state.otelLogsTable();
    logs = logs.isEmpty() ? OtelResolution.deriveLogsTable(metrics) : logs;
    String traces = o.otelTracesTableGiven ? o.otelTracesTable : state.otelTracesTable();
    OtelTables tables = new OtelTables(metrics, logs, traces);
    String url = files.write(o, tables, false, s -> s.withOtelDisabled(Set.of()));
    call.environment()
        .err()
        .println(
            "databricks-claude: OTEL enabled (profile="
                + files.profile(o)
                + ", base_url="
                + url
                + ", metrics="
                + orNone(metrics)
                + ", logs="
                + orNone(logs)
                + ", traces="
                + orNone(traces)
                + ")");
    return 0;
  }

  /** {@code config otel disable [--metrics] [--logs] [--traces]}: stays off, tables kept. */
  static int otelDisable(Invocation call) throws UserFacingException {
    Set<Signal> off = EnumSet.noneOf(Signal.class);
    for (Signal s : Signal.values()) {
      if (CommandLine.isOn(call, s.word())) {
        off.add(s);
      }
    }
    boolean all = off.isEmpty() || off.size() == Signal.values().length;
    Set<Signal> signals = off.isEmpty() ? EnumSet.allOf(Signal.class) : off;
    Files files = Files.of(call);
    try {
      new OtelSwitch(files.settings, files.state).turnOff(signals);
    } catch (IOException e) {
      throw new UserFacingException("config otel disable: " + e.getMessage(), e);
    }
    if (all) {
      call.environment()
          .err()
          .println(
              "databricks-claude: OTEL keys cleared — OTEL disabled for future sessions (table"
                  + " names kept; 'config otel enable' turns it back on)");
    } else {
      for (Signal s : signals) {
        call.environment().err().println("databricks-claude: OTEL " + s.word() + " keys cleared");
      }
    }
    return 0;
  }

  /** {@code config websearch enable [--backend B] [--fetch-budget N]}: state only. */
  static int websearchEnable(Invocation call) throws UserFacingException {
    WrapperOptions o = call.options();
    State saved =
        Files.of(call)
            .updateState(
                s -> {
                  State next = s.withWithWebsearch(Optional.of(true));
                  next =
                      o.websearchBackendGiven
                          ? next.withWebsearchBackend(o.websearchBackend)
                          : next;
                  return o.websearchFetchBudgetGiven
                      ? next.withWebsearchFetchBudget(o.websearchFetchBudget)
                      : next;
                });
    int budget = saved.websearchFetchBudget();
    call.environment()
        .err()
        .println(
            "databricks-claude: websearch enabled (backend="
                + WebTools.backendName(saved.websearchBackend())
                + ", fetch-budget="
                + (budget > 0 ? budget : WebTools.DEFAULT_FETCH_BUDGET)
                + "). Sessions from now on answer web_search/web_fetch locally.");
    return 0;
  }

  /** {@code config websearch disable}: clears the three web-search keys, as the Go tool does. */
  static int websearchDisable(Invocation call) throws UserFacingException {
    Files.of(call)
        .updateState(
            s ->
                s.withWithWebsearch(Optional.empty())
                    .withWebsearchBackend("")
                    .withWebsearchFetchBudget(0));
    call.environment()
        .err()
        .println(
            "databricks-claude: websearch disabled (state file with_websearch=false;"
                + " backend/fetch-budget cleared)");
    return 0;
  }

  /**
   * {@code config write}: the whole env block now — proxy URL, model keys (the state file's {@code
   * models}, else the defaults), headers, and OTEL keys for the signals that are on.
   */
  static int write(Invocation call) throws UserFacingException {
    WrapperOptions o = call.options();
    Files files = Files.of(call);
    State state = files.state.read();
    JsonObject env = files.settings.read().object("env").orElseGet(JsonObject::new);
    OtelTables tables = OtelResolution.resolve(o.otelFlags(), env, state);
    String url =
        files.write(
            o,
            tables,
            true,
            s -> {
              State next = s.withOtelDisabled(OtelResolution.off(o.otelFlags(), s));
              next =
                  o.withWebsearchGiven
                      ? next.withWithWebsearch(Optional.of(o.withWebsearch))
                      : next;
              next = o.websearchBackendGiven ? next.withWebsearchBackend(o.websearchBackend) : next;
              return o.websearchFetchBudgetGiven
                  ? next.withWebsearchFetchBudget(o.websearchFetchBudget)
                  : next;
            });
    boolean websearch =
        o.withWebsearchGiven ? o.withWebsearch : state.withWebsearch().orElse(false);
    call.environment()
        .err()
        .println(
            "databricks-claude: wrote env block to ~/.claude/settings.json (profile="
                + files.profile(o)
                + ", base_url="
                + url
                + ", websearch="
                + websearch
                + (tables.equals(OtelTables.NONE) ? "" : ", otel=on")
                + ")");
    return 0;
  }

  /** {@code config show}: the {@code --print-env} block. */
  static int show(Invocation call) throws UserFacingException {
    call.options().printEnv = true;
    return WrapperCommand.run(call.options(), call.environment());
  }

  private static String orNone(String table) {
    return table.isEmpty() ? "(none)" : table;
  }

  /** The two files a config leaf edits, for one user. */
  private record Files(SettingsFile settings, StateFile state, Environment environment, Log log) {
    static Files of(Invocation call) {
      Environment env = call.environment();
      Log log = call.options().verbose ? new StreamLog(List.of(env.err())) : Log.discard();
      return new Files(new SettingsFile(env.home()), new StateFile(env.home(), log), env, log);
    }

    String profile(WrapperOptions o) {
      return Profiles.resolve(o.profile, state.read().profile()).name();
    }

    State updateState(UnaryOperator<State> edit) throws UserFacingException {
      try {
        state.update(edit);
        return state.read();
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot write the state file: "
                + e.getMessage()
                + " — check the permissions of ~/.claude",
            e);
      }
    }

    /**
     * Checks settings.json parses, applies {@code edit} plus the tables given by flag to the state
     * file, then points settings.json at the configured port with the OTEL keys of {@code tables}
     * (and the full-setup keys when {@code fullSetup}). Returns the proxy URL written.
     */
    String write(WrapperOptions o, OtelTables tables, boolean fullSetup, UnaryOperator<State> edit)
        throws UserFacingException {
      settings.read(); // a settings.json we cannot parse leaves the state file untouched too
      State saved =
          updateState(
              s ->
                  edit.apply(
                      s.withOtelTables(
                          o.otelMetricsTableGiven ? o.otelMetricsTable : s.otelMetricsTable(),
                          o.otelLogsTableGiven ? o.otelLogsTable : s.otelLogsTable(),
                          o.otelTracesTableGiven ? o.otelTracesTable : s.otelTracesTable())));
      int port = o.port > 0 ? o.port : saved.port() > 0 ? saved.port() : SessionPlan.DEFAULT_PORT;
      String url = "http://127.0.0.1:" + port;
      Map<String, String> extra = new LinkedHashMap<>();
      extra.putAll(OtelEnv.keys(tables.metrics(), tables.logs(), tables.traces(), url));
      UserFiles files = UserFiles.of(environment, log);
      ModelSettingsWriter models = Settings.modelWriter(environment, files, log);
      try {
        Settings.bootstrap(files)
            .bootstrap(o.port, profile(o), url, extra, fullSetup ? models.edit() : s -> {});
        models.record();
      } catch (IOException e) {
        throw new UserFacingException(
            "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions",
            e);
      }
      return url;
    }
  }
}
