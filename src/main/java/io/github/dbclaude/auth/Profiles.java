package io.github.dbclaude.auth;

/**
 * Chooses the Databricks CLI profile: {@code --profile} flag, else the state file, else DEFAULT.
 */
public final class Profiles {
  public static final String DEFAULT = "DEFAULT";

  private Profiles() {}

  /**
   * Flag beats state; any non-empty state value counts, even a literal {@code DEFAULT}.
   * DATABRICKS_CONFIG_PROFILE is deliberately not consulted.
   */
  public static ResolvedProfile resolve(String flagValue, String stateValue) {
    if (flagValue != null && !flagValue.isEmpty()) {
      return new ResolvedProfile(flagValue, "--profile flag");
    }
    if (stateValue != null && !stateValue.isEmpty()) {
      return new ResolvedProfile(stateValue, "state file");
    }
    return new ResolvedProfile(DEFAULT, "default");
  }
}
