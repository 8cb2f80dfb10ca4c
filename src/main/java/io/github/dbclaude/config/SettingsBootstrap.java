package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * First-run / every-run setup: remember port and profile, then point settings.json at the proxy.
 */
public final class SettingsBootstrap {
  private static final String DEFAULT_PROFILE = "DEFAULT";

  private final SettingsFile settings;
  private final StateFile state;
  private final PortProbe probe;

  public SettingsBootstrap(SettingsFile settings, StateFile state, PortProbe probe) {
    this.settings = settings;
    this.state = state;
    this.probe = probe;
  }

  /**
   * Stores {@code portFlag} if positive and {@code profile} if non-empty, not {@code DEFAULT} and
   * different from the stored one, then applies {@link ProxyEnv#apply}. Identical inputs leave both
   * files byte-identical. Returns whether either file was written.
   */
  public boolean bootstrap(
      int portFlag, String profile, String proxyUrl, Map<String, String> extraEnv)
      throws UserFacingException, IOException {
    return bootstrap(portFlag, profile, proxyUrl, extraEnv, s -> {});
  }

  /** As above, with {@code alsoEdit} applied to settings.json in the same locked write. */
  public boolean bootstrap(
      int portFlag,
      String profile,
      String proxyUrl,
      Map<String, String> extraEnv,
      Consumer<JsonObject> alsoEdit)
      throws UserFacingException, IOException {
    boolean stateWritten = remember(portFlag, profile);
    boolean settingsWritten =
        settings.update(
            s -> {
              ProxyEnv.apply(s, proxyUrl, extraEnv, probe);
              alsoEdit.accept(s);
            });
    return stateWritten || settingsWritten;
  }

  /**
   * Stores {@code portFlag} if positive and {@code profile} if non-empty, not {@code DEFAULT} and
   * different from the stored one; settings.json is not touched. Returns whether the state file was
   * written.
   */
  public boolean remember(int portFlag, String profile) throws UserFacingException, IOException {
    return state.update(
        s -> {
          State next = portFlag > 0 ? s.withPort(portFlag) : s;
          boolean newProfile =
              !profile.isEmpty()
                  && !DEFAULT_PROFILE.equals(profile)
                  && !profile.equals(s.profile());
          return newProfile ? next.withProfile(profile) : next;
        });
  }
}
