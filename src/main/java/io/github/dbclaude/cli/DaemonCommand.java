package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.lifecycle.Daemon;
import io.github.dbclaude.log.CappedLogFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.platform.Signals;
import io.github.dbclaude.proxy.DaemonHealth;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.UserFiles;
import io.github.dbclaude.session.WebSearchSettings;
import io.github.dbclaude.usage.UsageWriter;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code serve --daemon}: the always-on proxy an OS service runs for Claude Desktop and IDEs. It
 * never prompts and never touches settings.json; its own lines (start, stop, a fatal error) reach
 * standard error and the log file even without {@code -v}.
 */
final class DaemonCommand {
  private static final List<String> IGNORED =
      List.of("proxy-api-key", "tls-cert", "tls-key", "upstream", "idle-timeout");

  private DaemonCommand() {}

  /** The daemon's two outlets: the debug log, and its own lines on stderr plus the log file. */
  private record Outlets(Log log, Log file, PrintStream err) {
    void say(String line) {
      err.println("databricks-claude: " + line);
      file.debug("databricks-claude: " + line);
    }
  }

  static int run(Invocation call) throws UserFacingException {
    WrapperOptions o = call.options();
    Environment environment = call.environment();
    Outlets out = open(o, environment);
    try {
      for (String flag : IGNORED) {
        if (call.given(flag)) {
          out.say("serve --daemon ignores --" + flag + " (a daemon serves plain HTTP on loopback)");
        }
      }
      return serve(o, environment, out);
    } catch (UserFacingException e) {
      // Main prints it on stderr; the log file must tell the same story (a service has no tty).
      out.file().debug("databricks-claude: " + e.getMessage());
      throw e;
    }
  }

  private static int serve(WrapperOptions o, Environment environment, Outlets out)
      throws UserFacingException {
    Log log = out.log();
    UserFiles files = UserFiles.of(environment, log);
    SessionPlan plan = SessionPlan.forDaemon(o.sessionFlags(), files, environment, log);
    WebSearchSettings websearch = webSearch(o, files, out);
    UsageWriter usage =
        UsageWriter.forFile(UsageCommand.database(environment), environment.clock(), log);
    ProxyConfig config =
        ProxyAssembly.config(
                plan, plan.otelTables(), Optional.empty(), websearch, files, environment, log)
            .withObserver(
                ProxyAssembly.statusPages(
                    plan, o.logFile.isEmpty() ? "" : o.logFile, () -> 0, usage, environment, log));
    Daemon daemon = start(config, plan, usage, environment.platform());
    AtomicReference<String> signal = new AtomicReference<>("");
    for (String name : List.of("TERM", "INT")) {
      Signals.onSignal(
          name,
          () -> {
            signal.compareAndSet("", "SIG" + name);
            daemon.requestShutdown();
          });
    }
    announce(out, daemon.url(), plan, websearch);
    try {
      daemon.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.say(
        "serve: received "
            + signal.get()
            + ", shutting down (in-flight requests get up to "
            + ProxyServer.DRAIN.toSeconds()
            + "s)");
    daemon.close();
    usage.close();
    out.say("serve: stopped");
    return 0;
  }

  private static Daemon start(
      ProxyConfig config, SessionPlan plan, UsageWriter usage, Platform platform)
      throws UserFacingException {
    DaemonHealth health =
        new DaemonHealth(plan.profile().name(), () -> plan.tokens().fresh().map(Token::expiry));
    try {
      return Daemon.start(config::withControl, plan.port(), health, platform);
    } catch (IOException e) {
      usage.close();
      throw new UserFacingException(
          "serve --daemon: port "
              + plan.port()
              + " unavailable: "
              + e.getMessage()
              + " — the daemon owns its port exclusively; stop what listens there (see"
              + " 'databricks-claude serve status') or choose another --port");
    }
  }

  private static void announce(
      Outlets out, String url, SessionPlan plan, WebSearchSettings websearch) {
    out.say("serve: listening on " + url + " (profile=" + plan.profile().name() + ", daemon mode)");
    OtelTables tables = plan.otelTables();
    String[][] named = {
      {"metrics", tables.metrics()}, {"logs", tables.logs()}, {"traces", tables.traces()}
    };
    for (String[] table : named) {
      if (!table[1].isEmpty()) {
        out.say("serve: otel-" + table[0] + "-table=" + table[1]);
      }
    }
    out.say("serve: with-websearch=" + websearch.enabled());
  }

  /** The state file's web-search choice; an unusable one disables web search, not the daemon. */
  private static WebSearchSettings webSearch(WrapperOptions o, UserFiles files, Outlets out) {
    try {
      return WebSearchSettings.resolve(o.webSearchFlags(), files.state(), out.log(), false);
    } catch (UserFacingException e) {
      out.say(
          "serve: websearch backend build failed: "
              + e.getMessage()
              + " — websearch DISABLED for this daemon run");
      return new WebSearchSettings(false, "duckduckgo", WebTools.DEFAULT_FETCH_BUDGET);
    }
  }

  /** {@code -v} to stderr, {@code --log-file} appended and capped (one rotated generation). */
  private static Outlets open(WrapperOptions o, Environment environment)
      throws UserFacingException {
    List<PrintStream> sinks = new ArrayList<>();
    if (o.verbose) {
      sinks.add(environment.err());
    }
    Log file = Log.discard();
    if (!o.logFile.isEmpty()) {
      Path path = Path.of(o.logFile);
      try {
        PrintStream stream =
            new PrintStream(
                CappedLogFile.open(path, CappedLogFile.MAX_BYTES), true, StandardCharsets.UTF_8);
        sinks.add(stream);
        file = new StreamLog(List.of(stream));
      } catch (IOException e) {
        throw new UserFacingException(
            "serve: cannot open log file \""
                + path
                + "\": "
                + e.getMessage()
                + " — choose a writable path for --log-file");
      }
    }
    Log log = sinks.isEmpty() ? Log.discard() : new StreamLog(sinks);
    return new Outlets(log, file, environment.err());
  }
}
