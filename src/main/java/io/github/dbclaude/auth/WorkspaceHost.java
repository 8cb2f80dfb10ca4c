package io.github.dbclaude.auth;

import io.github.dbclaude.config.DatabricksCfg;
import java.io.IOException;

/** The workspace host a profile's credentials belong to. */
public final class WorkspaceHost {
  private WorkspaceHost() {}

  /** From the credentials themselves, else ~/.databrickscfg, else {@code databricks auth env}. */
  public static String of(AuthSource auth, DatabricksCfg cfg, DatabricksCli cli, String profile)
      throws IOException {
    return switch (auth) {
      case AuthSource.Pat pat -> pat.host();
      case AuthSource.OAuthM2m m2m -> m2m.host();
      case AuthSource.Cli _ ->
          cfg.host(profile).isPresent() ? cfg.host(profile).get() : cli.discoverHost(profile);
    };
  }
}
