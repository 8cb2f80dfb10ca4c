package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.SettingsFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy API key (SPEC 6.2 step 1, D7). The flag's value reaches the detached proxy through the
 * {@value #ENV} environment variable of that process, never its command line, so other users cannot
 * read it with {@code ps}.
 */
final class ProxyKey {
  static final String ENV = "DATABRICKS_CLAUDE_PROXY_API_KEY";
  static final String SETTINGS_TOKEN = "ANTHROPIC_AUTH_TOKEN";
  private static final String PLACEHOLDER = "proxy-managed";

  private ProxyKey() {}

  /** {@code --proxy-api-key}, else {@value #ENV}; empty when the proxy is open. */
  static Optional<String> of(WrapperOptions o, Environment environment) {
    if (!o.proxyApiKey.isEmpty()) {
      return Optional.of(o.proxyApiKey);
    }
    String fromEnv = environment.getenv(ENV);
    return fromEnv.isEmpty() ? Optional.empty() : Optional.of(fromEnv);
  }

  /**
   * The key a hook offers on {@code /shutdown}: its own, else the token settings.json gives Claude
   * Code — a wrapper run with a key wrote the key there.
   */
  static Optional<String> forRelease(WrapperOptions o, Environment environment) {
    Optional<String> own = of(o, environment);
    if (own.isPresent()) {
      return own;
    }
    try {
      return new SettingsFile(environment.home())
          .read()
          .object("env")
          .flatMap(env -> env.string(SETTINGS_TOKEN))
          .filter(t -> !t.isEmpty() && !t.equals(PLACEHOLDER));
    } catch (UserFacingException e) {
      return Optional.empty();
    }
  }

  /** The environment for a detached proxy: ours, plus the key when there is one. */
  static Map<String, String> childEnvironment(Map<String, String> env, Optional<String> key) {
    Map<String, String> child = new HashMap<>(env);
    child.remove(ENV);
    key.ifPresent(k -> child.put(ENV, k));
    return child;
  }
}
