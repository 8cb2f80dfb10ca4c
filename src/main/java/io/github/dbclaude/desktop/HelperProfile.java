package io.github.dbclaude.desktop;

import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;

/**
 * The credential helper's profile choice: flag, then the state file unless it holds the {@code
 * DEFAULT} sentinel, then the MDM-pushed profile, then {@code DEFAULT}.
 */
final class HelperProfile {
  private HelperProfile() {}

  static ResolvedProfile resolve(String flag, String stateProfile, ManagedProfile mdm) {
    if (flag != null && !flag.isEmpty()) {
      return new ResolvedProfile(flag, "--profile flag");
    }
    if (stateProfile != null && !stateProfile.isEmpty() && !stateProfile.equals(Profiles.DEFAULT)) {
      return new ResolvedProfile(stateProfile, "state file");
    }
    // Only consulted when needed: on macOS this reads files, on Windows it runs reg.exe.
    String managed = mdm.databricksProfile();
    if (!managed.isEmpty()) {
      return new ResolvedProfile(managed, "MDM");
    }
    return new ResolvedProfile(Profiles.DEFAULT, "default");
  }
}
