package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.update.Release;
import io.github.dbclaude.update.UpdateCheck;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code databricks-claude update}: asks the release API — never the cache — and says whether a
 * newer release is out and how to get it. Nothing is downloaded.
 */
final class UpdateCommand {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private UpdateCommand() {}

  static int run(Environment environment) {
    if (Updates.optedOut(environment)) {
      environment
          .err()
          .println("databricks-claude: update check disabled via " + Updates.OPT_OUT_ENV);
      return 0;
    }
    UpdateCheck.Outcome outcome;
    try {
      outcome = Updates.check(environment, Log.discard()).check(false, DEADLINE);
    } catch (IOException e) {
      environment
          .err()
          .println(
              "databricks-claude: update check failed: "
                  + e.getMessage()
                  + " — check the network, or set DATABRICKS_CLAUDE_RELEASES_URL to a reachable"
                  + " mirror");
      return 1;
    }
    if (!outcome.updateAvailable()) {
      environment
          .err()
          .println(BuildInfo.TOOL + " v" + BuildInfo.version() + " is already the latest version");
      return 0;
    }
    Release latest = outcome.latest().orElseThrow();
    environment
        .err()
        .println(
            Updates.homebrew(environment)
                ? "Update available: v" + latest.version() + ". Run: brew upgrade databricks-claude"
                : "Update available: v"
                    + latest.version()
                    + ". Download from: "
                    + latest.releaseUrl());
    return 0;
  }
}
