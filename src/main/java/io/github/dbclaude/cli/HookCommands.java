package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.lifecycle.ProxyLease;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.ProxyKey;
import io.github.dbclaude.session.ProxyLogFile;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --headless-ensure} and {@code --headless-release}, the SessionStart and SessionEnd hook
 * commands: take or give back one share of the shared proxy.
 */
final class HookCommands {
  private HookCommands() {}

  static int run(WrapperOptions o, Environment environment) throws UserFacingException {
    String flag = o.headlessEnsure ? "--headless-ensure" : "--headless-release";
    Log log = o.verbose ? new StreamLog(List.of(environment.err())) : Log.discard();
    if ("1".equals(environment.getenv("DATABRICKS_CLAUDE_MANAGED"))) {
      log.debug(flag + ": skipped (managed session)");
      return 0;
    }
    if (o.headlessEnsure) {
      try {
        return runHook(o, environment, log);
      } catch (UserFacingException e) {
        return tellClaudeCode(environment, flag + ": " + e.getMessage());
      }
    }
    return runHook(o, environment, log);
  }

  /**
   * A failed SessionStart hook must reach the user inside Claude Code, not only a log: the hook's
   * JSON output {@code systemMessage} is shown there (read only with exit status 0), and the same
   * line goes to stderr.
   */
  static int tellClaudeCode(Environment environment, String line) {
    return warnInClaudeCode(environment, line + " — this session has no proxy of its own");
  }

  /** One line on stderr and in Claude Code (the hook's {@code systemMessage}); exit status 0. */
  static int warnInClaudeCode(Environment environment, String line) {
    String message = "databricks-claude: " + line;
    environment.err().println(message);
    environment.out().println(Json.compact(new JsonObject().put("systemMessage", message)));
    environment.out().flush();
    return 0;
  }

  private static int runHook(WrapperOptions o, Environment environment, Log log)
      throws UserFacingException {
    UserFiles files = UserFiles.of(environment, log);
    if (o.headlessEnsure) {
      Settings.upgradeHooks(files, log);
    }
    int port = SessionPlan.configuredPort(o.port, files.state());
    Optional<String> session =
        HookInput.sessionId(environment.in(), environment.platform().interactive(), log);
    Optional<String> key = ProxyKey.forRelease(o.proxyApiKey, environment, files.settings());
    return o.headlessEnsure
        ? ensure(port, session, key, profile(o, files), o, environment, log)
        : release(port, session, key, TlsFlags.enabled(o), environment, log);
  }

  /** The profile the hook's proxy serves: its --profile, else the one the state file remembers. */
  private static String profile(WrapperOptions o, UserFiles files) throws UserFacingException {
    return o.profile.isEmpty()
        ? Profiles.resolve("", files.state().readStrict().profile()).name()
        : o.profile;
  }

  private static int ensure(
      int port,
      Optional<String> session,
      Optional<String> key,
      String profile,
      WrapperOptions o,
      Environment environment,
      Log log)
      throws UserFacingException {
    TlsFlags.load(o); // a bad pair fails here, in one line, not in the detached proxy's log
    List<String> args = new ArrayList<>(List.of("--headless"));
    if (!o.profile.isEmpty()) {
      args.add("--profile=" + o.profile);
    }
    args.addAll(WrapperCommand.inheritedFlags(o));
    // Claude Code reads the one port in settings.json, so a hook session cannot move elsewhere:
    // a proxy of another profile there is refused in one line, never joined.
    ProxyLease.Spec spec =
        new ProxyLease.Spec(
            port,
            environment.tmpDir(),
            p -> SelfCommand.of(environment, WrapperCommand.withPort(args, p)),
            environment.env(),
            p -> ProxyLogFile.path(environment, p),
            log,
            key,
            TlsFlags.enabled(o),
            new ProxyLease.Serves(profile, ""),
            0);
    // The share stays taken: the SessionEnd hook gives it back.
    ProxyLease lease = ProxyLease.acquire(spec, ProxyLease.Session.ofHook(session));
    log.debug("--headless-ensure: proxy ready at " + lease.proxyUrl());
    // The hook runs with Claude Code's own environment: what it lacks, Claude Code lacks.
    Optional<String> untrusted = TlsFlags.untrustedWarning(o, environment.env());
    return untrusted.isPresent()
        ? warnInClaudeCode(environment, "--headless-ensure: " + untrusted.get())
        : 0;
  }

  private static int release(
      int port,
      Optional<String> session,
      Optional<String> key,
      boolean tls,
      Environment environment,
      Log log) {
    try {
      log.debug(
          "--headless-release: "
              + ProxyLease.release(
                  environment.tmpDir(), port, ProxyLease.Session.ofHook(session), key, tls));
    } catch (IOException e) {
      environment
          .err()
          .println(
              "databricks-claude: --headless-release: "
                  + e.getMessage()
                  + " (proxy may already be stopped)");
    }
    return 0;
  }
}
