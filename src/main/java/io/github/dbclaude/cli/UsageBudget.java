package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CliLocator;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.auth.WorkspaceHost;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.usage.BudgetQuery;
import io.github.dbclaude.usage.UsageReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The budget line of {@code usage}: the profile's workspace and token as the wrapper would use
 * them, then {@link BudgetQuery}. Every way of not getting one is routine: it is only said under
 * {@code -v}.
 */
final class UsageBudget {
  private UsageBudget() {}

  /**
   * @param verbose where to say why there is no budget, or null to stay quiet
   */
  static Optional<UsageReport.Budget> fetch(
      Environment environment, String profileFlag, PrintStream verbose) {
    BudgetQuery.Answer answer;
    try {
      answer = ask(environment, profileFlag);
    } catch (IOException | UserFacingException e) {
      answer = new BudgetQuery.Answer.Absent(e.getMessage());
    }
    if (answer instanceof BudgetQuery.Answer.Found found) {
      return Optional.of(found.budget());
    }
    if (verbose != null && answer instanceof BudgetQuery.Answer.Absent absent) {
      verbose.println("databricks-claude: no budget line: " + absent.reason());
    }
    return Optional.empty();
  }

  private static BudgetQuery.Answer ask(Environment environment, String profileFlag)
      throws IOException, UserFacingException {
    Log log = Log.discard();
    ResolvedProfile profile =
        Profiles.resolve(profileFlag, new StateFile(environment.home(), log).read().profile());
    DatabricksCfg cfg = DatabricksCfg.of(environment.env(), environment.home());
    AuthSource auth =
        new AuthSelector(profile.name(), cfg.section(profile.name()), environment.env()).select();
    DatabricksCli cli =
        new DatabricksCli(
            new CliLocator(environment.env(), environment.home()).locate("databricks"),
            environment.env(),
            log);
    String host = WorkspaceHost.of(auth, cfg, cli, profile.name());
    Token token =
        TokenSources.of(auth, cli, profile.name(), environment.home(), environment.clock(), log)
            .token();
    return BudgetQuery.ask(host, token.value());
  }
}
