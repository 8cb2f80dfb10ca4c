package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.PathLookup;
import io.github.dbclaude.session.SessionPlan;
import java.io.IOException;
import java.nio.file.Path;

/** Gathers the facts {@link PrintEnv} shows from a resolved {@link SessionPlan}. */
final class PrintEnvCommand {
  private PrintEnvCommand() {}

  static void print(SessionPlan plan, WrapperOptions o, Environment environment)
      throws UserFacingException {
    String token;
    try {
      token = plan.tokens().token().value();
    } catch (IOException e) {
      throw new UserFacingException("cannot get a Databricks token: " + e.getMessage());
    }
    PrintEnv.print(
        new PrintEnv.Facts(
            plan.profile().name(),
            plan.profile().source(),
            plan.auth().describe(),
            plan.host(),
            plan.upstream(),
            token,
            PathLookup.find("claude", environment.getenv("PATH")).map(Path::toString),
            (o.tlsCert.isEmpty() ? "http" : "https") + "://127.0.0.1:" + plan.port(),
            plan.otelTables().metrics(),
            plan.otelTables().logs(),
            plan.otelTables().traces()),
        environment.out());
  }
}
