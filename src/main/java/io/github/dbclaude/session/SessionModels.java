package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.GatewayModels;
import io.github.dbclaude.models.ModelRefresh;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.util.Optional;

/**
 * Model discovery at session start, never on the request path: the first session of a HOME that
 * never discovered waits for it (5 s at most) so Claude Code starts with the workspace's models;
 * later sessions refresh in the background at most once a day, and the next launch reads the result
 * from the state file.
 */
public final class SessionModels {
  private SessionModels() {}

  /**
   * Runs the day's discovery for {@code plan} if it is due: in the foreground when nothing was ever
   * discovered, else on a virtual thread that, when done, updates the model keys of a settings.json
   * pointing at {@code proxyUrl} (if given; else the next launch reads the result).
   */
  public static void refreshIfDue(
      Environment environment,
      UserFiles files,
      SessionPlan plan,
      Optional<String> proxyUrl,
      Log log) {
    if (!plan.fullSetup()) {
      return; // the user's own upstream: its models are not ours to pick
    }
    ModelRefresh refresh = new ModelRefresh(files.state(), environment.clock());
    boolean first = files.state().read().models().discovered().isEmpty();
    try {
      if (!refresh.claimDaily()) {
        return;
      }
    } catch (UserFacingException | IOException e) {
      log.debug("model discovery skipped: " + e.getMessage());
      return;
    }
    Runnable run = () -> discover(environment, files, plan, proxyUrl, refresh, log);
    if (first) {
      run.run();
    } else {
      Thread.ofPlatform().daemon().name("model-discovery").start(run);
    }
  }

  private static void discover(
      Environment environment,
      UserFiles files,
      SessionPlan plan,
      Optional<String> proxyUrl,
      ModelRefresh refresh,
      Log log) {
    try {
      GatewayModels gateway =
          new GatewayModels(
              plan.upstream(), GatewayModels.budget(environment.env()), environment.clock());
      Discovery discovery = refresh.refresh(gateway, plan.tokens().token().value());
      if (discovery instanceof Discovery.Failed f) {
        log.debug("model discovery failed: " + f.line());
      } else if (discovery instanceof Discovery.Listed l) {
        log.debug("model discovery: " + l.catalog().choice());
        SettingsFile settings = files.settings();
        boolean ours =
            proxyUrl.isPresent()
                && settings
                    .read()
                    .object("env")
                    .flatMap(env -> env.string("ANTHROPIC_BASE_URL"))
                    .filter(proxyUrl.get()::equals)
                    .isPresent();
        if (ours) {
          Settings.modelWriter(environment, files, log).writeTo(settings);
        }
      }
    } catch (UserFacingException | IOException e) {
      log.debug("model discovery: " + e.getMessage());
    }
  }
}
