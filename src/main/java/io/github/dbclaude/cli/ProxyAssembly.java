package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.proxy.OtelTableSource;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.StateWebTools;
import io.github.dbclaude.session.UserFiles;
import io.github.dbclaude.session.WebSearchSettings;
import io.github.dbclaude.status.StatusFacts;
import io.github.dbclaude.status.StatusPages;
import io.github.dbclaude.usage.UsageRecorder;
import io.github.dbclaude.usage.UsageWriter;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The proxy every serving mode runs — the session proxy ({@code --headless}, {@code serve
 * --session-mode}) and the daemon alike: forwarding with the plan's tokens, the OTEL route, web
 * tools that follow the state file, usage records and the status page. The modes differ only in
 * their lifecycle.
 */
final class ProxyAssembly {
  private ProxyAssembly() {}

  /** Forwarding, OTEL and web tools for {@code plan}; web tools follow the state file. */
  static ProxyConfig config(
      SessionPlan plan,
      OtelTableSource tables,
      Optional<String> key,
      WebSearchSettings websearch,
      UserFiles files,
      Environment environment,
      Log log)
      throws UserFacingException {
    ProxyConfig plain =
        new ProxyConfig(
            ProxyConfig.parseUpstream(plan.upstream(), "inference upstream"),
            ProxyConfig.parseUpstream(plan.otelUpstream(), "OTEL upstream"),
            plan.tokens(),
            tables,
            key,
            log,
            BuildInfo.version(),
            Optional.empty());
    return plain.withWebTools(
        new StateWebTools(
            files.state(),
            websearch,
            websearch.tools(environment),
            environment.env(),
            environment.clock(),
            log));
  }

  /**
   * Usage records and the status page; the database driver loads with the first request.
   *
   * @param logPath where the proxy logs, as the status page shows it (empty: nowhere)
   * @param sessions how many sessions use the proxy now
   */
  static StatusPages statusPages(
      SessionPlan plan,
      String logPath,
      IntSupplier sessions,
      UsageWriter usage,
      Environment environment,
      Log log) {
    UsageRecorder recorder = new UsageRecorder(usage, environment.clock(), System::nanoTime, log);
    StatusFacts facts =
        new StatusFacts(
            BuildInfo.version(),
            plan.profile().name(),
            plan.host(),
            logPath,
            sessions,
            () -> plan.tokens().fresh().map(Token::expiry));
    return new StatusPages(
        recorder, usage, UsageCommand.database(environment), facts, environment.clock());
  }
}
