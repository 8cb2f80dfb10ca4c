package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.platform.Environment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy API key (docs/DIFFERENCES.md, "--proxy-api-key"). The flag's value reaches the detached
 * proxy through the {@value #ENV} environment variable of that process, never its command line, so
 * other users cannot read it with {@code ps}.
 */
public final class ProxyKey {
  public static final String ENV = "DATABRICKS_CLAUDE_PROXY_API_KEY";
  public static final String SETTINGS_TOKEN = "ANTHROPIC_AUTH_TOKEN";
  private static final String PLACEHOLDER = "proxy-managed";

  private ProxyKey() {}

  /** {@code --proxy-api-key}, else {@value #ENV}; empty when the proxy is open. */
  public static Optional<String> of(String flag, Environment environment) {
    if (!flag.isEmpty()) {
      return Optional.of(flag);
    }
    String fromEnv = environment.getenv(ENV);
    return fromEnv.isEmpty() ? Optional.empty() : Optional.of(fromEnv);
  }

  /**
   * The key a hook offers on {@code /shutdown}: its own, else the token settings.json gives Claude
   * Code — a wrapper run with a key wrote the key there.
   */
  public static Optional<String> forRelease(
      String flag, Environment environment, SettingsFile settings) {
    Optional<String> own = of(flag, environment);
    if (own.isPresent()) {
      return own;
    }
    try {
      return settings
          .read()
          .object("env")
          .flatMap(env -> env.string(SETTINGS_TOKEN))
          .filter(t -> !t.isEmpty() && !t.equals(PLACEHOLDER));
    } catch (UserFacingException e) {
      return Optional.empty();
    }
  }

  /** The environment for a detached proxy: ours, plus the key when there is one. */
  public static Map<String, String> childEnvironment(
      Map<String, String> env, Optional<String> key) {
    Map<String, String> child = new HashMap<>(env);
    child.remove(ENV);
    key.ifPresent(k -> child.put(ENV, k));
    return child;
  }
}
