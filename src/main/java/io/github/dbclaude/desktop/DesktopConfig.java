package io.github.dbclaude.desktop;

import java.util.List;

/**
 * What a generated Claude Desktop configuration says (SPEC 11.2): the profile, the AI Gateway URL,
 * the credential helper's path and the model list (compact JSON); {@link #settings()} is the
 * shared, ordered key list that the mobileconfig, .reg and dev-mode JSON all render.
 */
public record DesktopConfig(
    String profile, String gatewayUrl, String helperPath, String modelsJson) {
  /** With the built-in model list. */
  public DesktopConfig(String profile, String gatewayUrl, String helperPath) {
    this(profile, gatewayUrl, helperPath, MODELS_JSON);
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

  /** A number; the .reg file writes it as a string (SPEC 11.2), the others as a number. */
  record Count(int count) implements Value {}

  /** The model list: a string in the plist and .reg, a real array in the JSON. */
  record Models(String json) implements Value {}

  /** Claude Desktop's settings in payload order, from {@code disableDeploymentModeChooser} on. */
  List<Setting> settings() {
    return List.of(
        new Setting("disableDeploymentModeChooser", new Flag(true)),
        new Setting("inferenceProvider", new Text("gateway")),
        new Setting("inferenceGatewayBaseUrl", new Text(gatewayUrl)),
        new Setting("inferenceGatewayAuthScheme", new Text("bearer")),
        new Setting("inferenceModels", new Models(modelsJson)),
        new Setting("inferenceCredentialHelper", new Text(helperPath)),
        new Setting("inferenceCredentialHelperTtlSec", new Count(HELPER_TTL_SECONDS)),
        new Setting("isClaudeCodeForDesktopEnabled", new Flag(true)),
        new Setting("isDesktopExtensionEnabled", new Flag(true)),
        new Setting("isDesktopExtensionDirectoryEnabled", new Flag(true)),
        new Setting("isDesktopExtensionSignatureRequired", new Flag(false)),
        new Setting("isLocalDevMcpEnabled", new Flag(true)),
        new Setting("disableAutoUpdates", new Flag(false)),
        new Setting("disableEssentialTelemetry", new Flag(false)),
        new Setting("disableNonessentialTelemetry", new Flag(false)),
        new Setting("disableNonessentialServices", new Flag(false)));
  }
}
