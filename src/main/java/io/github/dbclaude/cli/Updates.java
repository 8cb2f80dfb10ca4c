package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.update.Homebrew;
import io.github.dbclaude.update.ReleaseApi;
import io.github.dbclaude.update.UpdateCache;
import io.github.dbclaude.update.UpdateCheck;
import java.nio.file.Path;
import java.util.Optional;

/** The update check as this installation sees it: its home, clock, version and install path. */
final class Updates {
  static final String OPT_OUT_ENV = "DATABRICKS_NO_UPDATE_CHECK";

  private Updates() {}

  static boolean optedOut(Environment environment) {
    return "1".equals(environment.getenv(OPT_OUT_ENV));
  }

  static UpdateCheck check(Environment environment, Log log) {
    return new UpdateCheck(
        ReleaseApi.of(environment.getenv(ReleaseApi.BASE_ENV), environment.platform()),
        UpdateCache.under(environment.home()),
        environment.clock(),
        BuildInfo.version(),
        log);
  }

  /** Installed by Homebrew: judged by the launcher, else by the running program. */
  static boolean homebrew(Environment environment) {
    Optional<Path> self =
        environment.launcher().or(() -> ProcessHandle.current().info().command().map(Path::of));
    return self.map(Homebrew::installed).orElse(false);
  }
}
