package io.github.dbclaude.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a generated Claude Desktop configuration says: the profile, the AI Gateway URL, the
 * credential helper's path and the model list (compact JSON); {@link #settings()} is the shared,
 * ordered key list that the mobileconfig, .reg and dev-mode JSON all render.
 */
public record DesktopConfig(
    String profile,
    String gatewayUrl,
    String helperPath,
    String modelsJson,
    Optional<DaemonTarget> daemon) {
  /** With the built-in model list. */
  public DesktopConfig(String profile, String gatewayUrl, String helperPath) {
    this(profile, gatewayUrl, helperPath, MODELS_JSON);
  }

  /** Helper mode: Claude Desktop asks the credential helper for tokens. */
  public DesktopConfig(String profile, String gatewayUrl, String helperPath, String modelsJson) {
    this(profile, gatewayUrl, helperPath, modelsJson, Optional.empty());
  }

  /** Daemon mode: Claude Desktop talks to the always-on daemon on loopback. */
  public static DesktopConfig forDaemon(String profile, String modelsJson, DaemonTarget daemon) {
    return new DesktopConfig(profile, "", "", modelsJson, Optional.of(daemon));
  }

  /**
   * The daemon Desktop is pointed at.
   *
   * @param fakeKey any non-empty value: Desktop requires a key, the daemon ignores it
   * @param otel also send Desktop's telemetry through the daemon's OTEL route
   */
  public record DaemonTarget(int port, String fakeKey, boolean otel) {
    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  /** The built-in model list (when discovery is not possible), as Claude Desktop expects it. */
  public static final String MODELS_JSON =
      "[{\"name\":\"databricks-claude-opus-4-7\",\"supports1m\":true},"
          + "{\"name\":\"databricks-claude-opus-4-6\",\"supports1m\":true},"
          + "{\"name\":\"databricks-claude-sonnet-4-6\",\"supports1m\":true},"
          + "{\"name\":\"databricks-claude-sonnet-4-5\",\"supports1m\":true},"
          + "{\"name\":\"databricks-claude-haiku-4-5\"}]";

  /** Desktop asks the helper again after this many seconds (tokens live an hour). */
  public static final int HELPER_TTL_SECONDS = 55;

  /** One Claude Desktop setting and its typed value. */
  record Setting(String key, Value value) {}

  /** The three kinds of values the artifacts carry. */
  sealed interface Value {}

  record Flag(boolean on) implements Value {}

  record Text(String text) implements Value {}

  /** A number; the .reg file writes it as a string, the others as a number. */
  record Count(int count) implements Value {}

  /** A number the .reg file writes as a {@code dword} (our own payload's port). */
  record Dword(int value) implements Value {}

  /** The model list: a string in the plist and .reg, a real array in the JSON. */
  record Models(String json) implements Value {}

  /** Our own payload (read by the helper and the tools): the profile, and the daemon's port. */
  List<Setting> ownSettings() {
    List<Setting> own = new ArrayList<>();
    own.add(new Setting("databricksProfile", new Text(profile)));
    daemon.ifPresent(
        d -> {
          own.add(new Setting("daemonPort", new Dword(d.port())));
          own.add(new Setting("daemonMode", new Flag(true)));
        });
    return own;
  }

  /** Claude Desktop's settings in payload order, from {@code disableDeploymentModeChooser} on. */
  List<Setting> settings() {
    List<Setting> settings = new ArrayList<>();
    settings.add(new Setting("disableDeploymentModeChooser", new Flag(true)));
    settings.add(new Setting("inferenceProvider", new Text("gateway")));
    if (daemon.isPresent()) {
      settings.add(new Setting("inferenceGatewayBaseUrl", new Text(daemon.get().url())));
      settings.add(new Setting("inferenceGatewayApiKey", new Text(daemon.get().fakeKey())));
    } else {
      settings.add(new Setting("inferenceGatewayBaseUrl", new Text(gatewayUrl)));
    }
    settings.add(new Setting("inferenceGatewayAuthScheme", new Text("bearer")));
    settings.add(new Setting("inferenceModels", new Models(modelsJson)));
    if (daemon.isPresent() && daemon.get().otel()) {
      settings.add(new Setting("otlpEndpoint", new Text(daemon.get().url() + "/otel")));
      settings.add(new Setting("otlpProtocol", new Text("http/protobuf")));
    }
    if (daemon.isEmpty()) {
      settings.add(new Setting("inferenceCredentialHelper", new Text(helperPath)));
      settings.add(new Setting("inferenceCredentialHelperTtlSec", new Count(HELPER_TTL_SECONDS)));
    }
    settings.addAll(
        List.of(
            new Setting("isClaudeCodeForDesktopEnabled", new Flag(true)),
            new Setting("isDesktopExtensionEnabled", new Flag(true)),
            new Setting("isDesktopExtensionDirectoryEnabled", new Flag(true)),
            new Setting("isDesktopExtensionSignatureRequired", new Flag(false)),
            new Setting("isLocalDevMcpEnabled", new Flag(true)),
            new Setting("disableAutoUpdates", new Flag(false)),
            new Setting("disableEssentialTelemetry", new Flag(false)),
            new Setting("disableNonessentialTelemetry", new Flag(false)),
            new Setting("disableNonessentialServices", new Flag(false))));
    return settings;
  }
}
