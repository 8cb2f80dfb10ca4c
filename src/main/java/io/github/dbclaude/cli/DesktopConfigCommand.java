package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.desktop.ConfigFormat;
import io.github.dbclaude.desktop.DesktopConfig;
import io.github.dbclaude.desktop.DesktopConfigFiles;
import io.github.dbclaude.desktop.HelperPath;
import io.github.dbclaude.desktop.Instructions;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code desktop generate-config}: Claude Desktop's managed configuration for a workspace (SPEC
 * 11.2).
 */
final class DesktopConfigCommand {
  private DesktopConfigCommand() {}

  static int run(List<String> args, Environment environment, Path workDir, Supplier<UUID> uuids)
      throws UserFacingException, UsageException {
    requireMacForPkg(args, environment.platform());
    UserFiles userFiles = UserFiles.of(environment, Log.discard());
    StateFile stateFile = userFiles.state();
    String profile =
        Profiles.resolve(SubcommandFlags.value(args, "profile"), stateFile.read().profile()).name();
    pinCliPath(SubcommandFlags.value(args, "databricks-cli-path"), stateFile, environment);
    DesktopConfig config =
        SubcommandFlags.switchOn(args, "daemon")
            ? daemonConfig(args, profile, stateFile, environment, userFiles)
            : helperConfig(args, profile, environment, userFiles, workDir);
    boolean windows = environment.platform().windows();
    String output = SubcommandFlags.value(args, "output");
    DesktopConfigFiles files = new DesktopConfigFiles(config, uuids, windows);
    List<DesktopConfigFiles.Written> written =
        output.isEmpty()
            ? files.writeAll(workDir)
            : List.of(files.writeOne(workDir.resolve(output)));
    reportWritten(written, output, windows, environment);
    if (!config.modelsJson().equals(DesktopConfig.MODELS_JSON)) {
      environment.err().println();
      environment.err().println(GRANTS_NOTE);
    }
    // Only now: a run that failed must not leave its profile behind.
    rememberProfile(profile, stateFile, environment);
    return 0;
  }

  /** Checked before anything is saved: the original silently ignored --for-pkg off macOS. */
  private static void requireMacForPkg(List<String> args, Platform platform) throws UsageException {
    if (SubcommandFlags.switchOn(args, "for-pkg") && !platform.mac()) {
      throw new UsageException(
          "desktop generate-config: --for-pkg is for macOS .pkg installs only (this is "
              + platform.osName()
              + ")");
    }
  }

  /** Daemon mode: the always-on local proxy, with the workspace's models when discoverable. */
  private static DesktopConfig daemonConfig(
      List<String> args,
      String profile,
      StateFile stateFile,
      Environment environment,
      UserFiles userFiles)
      throws UsageException, UserFacingException {
    return DesktopConfig.forDaemon(
        profile,
        discoveredModels(profile, Optional.empty(), environment, userFiles)
            .orElse(DesktopConfig.MODELS_JSON),
        daemonTarget(args, stateFile, environment));
  }

  /** Names each file written, then how to install it (unless --output named an unknown kind). */
  private static void reportWritten(
      List<DesktopConfigFiles.Written> written,
      String output,
      boolean windows,
      Environment environment) {
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
  }

  /** Helper mode: the workspace's gateway, and the credential helper Desktop runs for tokens. */
  private static DesktopConfig helperConfig(
      List<String> args, String profile, Environment environment, UserFiles userFiles, Path workDir)
      throws UserFacingException {
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
            environment.platform(),
            environment.launcher(),
            workDir);
    Optional<String> discovered =
        discoveredModels(profile, Optional.of(host), environment, userFiles);
    return new DesktopConfig(
        profile, GatewayUrl.of(host), helper, discovered.orElse(DesktopConfig.MODELS_JSON));
  }

  /** The daemon's port and the placeholder key Desktop must send it. */
  private static DesktopConfig.DaemonTarget daemonTarget(
      List<String> args, StateFile stateFile, Environment environment)
      throws UsageException, UserFacingException {
    String portFlag = SubcommandFlags.value(args, "port");
    int port;
    try {
      port = portFlag.isEmpty() ? 0 : Integer.parseInt(portFlag);
    } catch (NumberFormatException e) {
      throw new UsageException("desktop generate-config: --port must be a number, got " + portFlag);
    }
    String key = SubcommandFlags.value(args, "daemon-fake-key");
    if (key.isEmpty()) {
      key = DEFAULT_FAKE_KEY;
      environment
          .err()
          .print(
              "databricks-claude: WARNING: --daemon-fake-key not set, using default fleet-shared"
                  + " constant.\n"
                  + "  The fake key is a localhost gate, not a real credential — Claude Desktop"
                  + " just needs\n"
                  + "  ANY non-empty value to satisfy its gatewayApiKey schema. For fleet rollouts"
                  + " you may\n"
                  + "  want to set a custom value via --daemon-fake-key so per-fleet artifacts"
                  + " differ.\n");
    }
    return new DesktopConfig.DaemonTarget(
        SessionPlan.configuredPort(port, stateFile), key, SubcommandFlags.switchOn(args, "otel"));
  }

  static final String DEFAULT_FAKE_KEY = "databricks-claude-daemon-localhost-key";

  static final String GRANTS_NOTE =
      "Model list: discovered from the workspace with YOUR credentials, so it reflects the"
          + " generating admin's grants. Check that every model your users need (and may use) is"
          + " there before distributing the file.";

  /** The workspace's models as Claude Desktop's list, or empty (and why, on stderr). */
  private static Optional<String> discoveredModels(
      String profile, Optional<String> host, Environment environment, UserFiles files) {
    Discovery discovery =
        WorkspaceModels.discover(profile, host, environment, files, Log.discard());
    if (discovery instanceof Discovery.Listed l && !l.catalog().pickerModels().isEmpty()) {
      environment
          .err()
          .println(
              "databricks-claude: baking "
                  + l.catalog().pickerModels().size()
                  + " discovered Claude models into the configuration");
      return Optional.of(Json.compact(l.catalog().desktopModels()));
    }
    environment
        .err()
        .println(
            "databricks-claude: "
                + discovery.summary().replace("built-in models", "built-in model list"));
    return Optional.empty();
  }

  private static void rememberProfile(
      String profile, StateFile stateFile, Environment environment) {
    if (!profile.equals(Profiles.DEFAULT) && !profile.equals(stateFile.read().profile())) {
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
