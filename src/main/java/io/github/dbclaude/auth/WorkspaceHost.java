package io.github.dbclaude.auth;

import io.github.dbclaude.config.DatabricksCfg;
import java.io.IOException;
import java.util.Optional;

/** The workspace host a profile's credentials belong to. */
public final class WorkspaceHost {
  private WorkspaceHost() {}

  /** From the credentials themselves, else ~/.databrickscfg, else {@code databricks auth env}. */
  public static String of(AuthSource auth, DatabricksCfg cfg, DatabricksCli cli, String profile)
      throws IOException {
    Optional<String> known = auth.ownHost().or(() -> cfg.host(profile));
    return known.isPresent() ? known.get() : cli.discoverHost(profile);
  }
}
