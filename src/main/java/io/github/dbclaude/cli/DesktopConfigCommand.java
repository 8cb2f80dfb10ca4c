package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.desktop.ConfigFormat;
import io.github.dbclaude.desktop.DesktopConfig;
import io.github.dbclaude.desktop.DesktopConfigFiles;
import io.github.dbclaude.desktop.HelperPath;
import io.github.dbclaude.desktop.Instructions;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code desktop generate-config}: Claude Desktop's managed configuration for a workspace (SPEC
 * 11.2).
 */
final class DesktopConfigCommand {
  private DesktopConfigCommand() {}

  static int run(List<String> args, Environment environment, Path workDir, Supplier<UUID> uuids)
      throws UserFacingException {
    String os = environment.platform().osName();
    boolean windows = os.startsWith("Windows");
    UserFiles userFiles = UserFiles.of(environment, Log.discard());
    StateFile stateFile = userFiles.state();
    String profile = profile(args, stateFile, environment);
    pinCliPath(SubcommandFlags.value(args, "databricks-cli-path"), stateFile, environment);

    String host;
    try {
      host = userFiles.databricksCli("databricks").discoverHost(profile);
    } catch (IOException e) {
      String why = e.getMessage().split(" — ", 2)[0];
      throw new UserFacingException(
          "failed to discover host for profile \""
              + profile
              + "\": "
              + why
              + " — run 'databricks auth login --profile "
              + profile
              + "' first");
    }
    String helper =
        HelperPath.resolve(
            SubcommandFlags.value(args, "binary-path"),
            SubcommandFlags.switchOn(args, "for-pkg"),
            os,
            environment.launcher(),
            workDir);
    DesktopConfigFiles files =
        new DesktopConfigFiles(
            new DesktopConfig(profile, GatewayUrl.of(host), helper), uuids, windows);

    String output = SubcommandFlags.value(args, "output");
    List<DesktopConfigFiles.Written> written =
        output.isEmpty()
            ? files.writeAll(workDir)
            : List.of(files.writeOne(workDir.resolve(output)));
    for (DesktopConfigFiles.Written w : written) {
      environment
          .err()
          .println(
              "Wrote Claude Desktop config: "
                  + (output.isEmpty() ? w.path().getFileName() : output));
    }
    for (DesktopConfigFiles.Written w : written) {
      if (output.isEmpty() || hasKnownSuffix(output)) {
        environment.err().println();
        environment.err().print(Instructions.forFormat(w.format(), w.path(), windows));
      }
    }
    return 0;
  }

  private static String profile(List<String> args, StateFile stateFile, Environment environment) {
    State state = stateFile.read();
    String profile =
        Profiles.resolve(SubcommandFlags.value(args, "profile"), state.profile()).name();
    if (!profile.equals(Profiles.DEFAULT) && !profile.equals(state.profile())) {
      try {
        stateFile.update(s -> s.withProfile(profile));
      } catch (IOException | UserFacingException e) {
        environment
            .err()
            .println(
                "databricks-claude: warning: failed to persist profile to state: "
                    + e.getMessage());
      }
    }
    return profile;
  }

  private static void pinCliPath(String path, StateFile stateFile, Environment environment)
      throws UserFacingException {
    if (path.isEmpty()) {
      return;
    }
    Path p = Path.of(path);
    if (!p.isAbsolute()) {
      throw new UserFacingException(
          "--databricks-cli-path must be absolute, got \""
              + path
              + "\" — pass the full path, e.g. from 'command -v databricks'");
    }
    if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
      throw new UserFacingException(
          "--databricks-cli-path \""
              + path
              + "\" is not an executable file — check the path and its permissions");
    }
    try {
      stateFile.update(s -> s.withDatabricksCliPath(path));
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot save the databricks CLI path to "
              + stateFile.path()
              + ": "
              + e.getMessage()
              + " — check that the folder is writable");
    }
    environment.err().println("Pinned databricks CLI path: " + path);
  }

  private static boolean hasKnownSuffix(String output) {
    String lower = output.toLowerCase(java.util.Locale.ROOT);
    return java.util.Arrays.stream(ConfigFormat.values()).anyMatch(f -> lower.endsWith(f.suffix()));
  }
}
