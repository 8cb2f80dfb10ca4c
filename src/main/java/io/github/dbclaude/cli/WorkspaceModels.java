package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.auth.WorkspaceHost;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.GatewayModels;
import io.github.dbclaude.models.ModelRefresh;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.util.Optional;

/**
 * Model discovery for commands that run outside a session ({@code --install-hooks}, {@code models},
 * {@code desktop generate-config}): profile → credentials → token → gateway → list, never
 * interactive, every failure a {@link Discovery.Failed} with its fix. A usable result is saved.
 */
final class WorkspaceModels {
  private WorkspaceModels() {}

  /** Discovers for {@code profileFlag} (or the saved / default profile) and saves the result. */
  static Discovery discover(String profileFlag, Environment environment, UserFiles files, Log log) {
    return discover(profileFlag, Optional.empty(), environment, files, log);
  }

  /** As above, for a workspace {@code host} the caller already knows. */
  static Discovery discover(
      String profileFlag,
      Optional<String> host,
      Environment environment,
      UserFiles files,
      Log log) {
    String profile = Profiles.resolve(profileFlag, files.state().read().profile()).name();
    Discovery discovery = ask(profile, host, environment, files, log);
    try {
      new ModelRefresh(files.state(), environment.clock()).save(discovery);
    } catch (UserFacingException | IOException e) {
      log.debug("cannot save the discovered models: " + e.getMessage());
    }
    return discovery;
  }

  private static Discovery ask(
      String profile,
      Optional<String> knownHost,
      Environment environment,
      UserFiles files,
      Log log) {
    DatabricksCfg cfg = files.databricksCfg();
    String relogin = "run databricks auth login --profile " + profile;
    AuthSource auth;
    try {
      auth = new AuthSelector(profile, cfg.section(profile), environment.env()).select();
    } catch (UserFacingException e) {
      return new Discovery.Failed(e.getMessage(), "fix the profile, then run it again");
    }
    DatabricksCli cli = files.databricksCli("databricks");
    String token;
    String host;
    try {
      token =
          TokenSources.of(auth, cli, profile, environment.home(), environment.clock(), log)
              .token()
              .value();
    } catch (IOException e) {
      return new Discovery.Failed("no Databricks token: " + e.getMessage(), relogin);
    }
    try {
      host = knownHost.isPresent() ? knownHost.get() : WorkspaceHost.of(auth, cfg, cli, profile);
    } catch (IOException e) {
      return new Discovery.Failed("no workspace host: " + e.getMessage(), relogin);
    }
    return new GatewayModels(
            GatewayUrl.of(host), GatewayModels.budget(environment.env()), environment.clock())
        .list(token);
  }
}
