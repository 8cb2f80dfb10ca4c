package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CliLocator;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import java.util.Map;

/**
 * The user's files and the Databricks CLI, built here and only here, once per command, and handed
 * to every step of it — so each step reads and writes the same files the same way.
 */
public final class UserFiles {
  private final SettingsFile settings;
  private final StateFile state;
  private final DatabricksCfg databricksCfg;
  private final CliLocator cliLocator;
  private final Map<String, String> env;
  private final Log log;

  private UserFiles(Environment environment, Log log) {
    this.settings = new SettingsFile(environment.home());
    this.state = new StateFile(environment.home(), log);
    this.databricksCfg = DatabricksCfg.of(environment.env(), environment.home());
    this.cliLocator = new CliLocator(environment.env(), environment.home());
    this.env = environment.env();
    this.log = log;
  }

  /**
   * The files under {@code environment}'s home; {@code log} hears what the state file and CLI do.
   */
  public static UserFiles of(Environment environment, Log log) {
    return new UserFiles(environment, log);
  }

  /** {@code ~/.claude/settings.json}. */
  public SettingsFile settings() {
    return settings;
  }

  /** Our state file (profile, port, OTEL tables, web search). */
  public StateFile state() {
    return state;
  }

  /** {@code ~/.databrickscfg}, or {@code $DATABRICKS_CONFIG_FILE}. */
  public DatabricksCfg databricksCfg() {
    return databricksCfg;
  }

  /**
   * Fails for a profile that only the Databricks CLI could serve and that it does not know: its
   * browser login would create the profile from a typo ({@link DatabricksCfg#requireProfile}). A
   * token or client secret from the environment needs no section.
   */
  public void requireKnownProfile(String profile) throws UserFacingException {
    AuthSource auth = new AuthSelector(profile, databricksCfg.section(profile), env).select();
    if (auth instanceof AuthSource.Cli) {
      databricksCfg.requireProfile(profile);
    }
  }

  /**
   * The Databricks CLI found as {@code nameOrPath} (empty: {@code databricks}) where {@link
   * CliLocator} looks, run with our environment.
   */
  public DatabricksCli databricksCli(String nameOrPath) {
    return new DatabricksCli(cliLocator.locate(nameOrPath), env, log);
  }
}
