package io.github.dbclaude.desktop;

import static io.github.dbclaude.testkit.PlistParser.array;
import static io.github.dbclaude.testkit.PlistParser.dict;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.platform.PlistWriter;
import io.github.dbclaude.testkit.PlistParser;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The three Claude Desktop artifacts (CHECKLIST N): golden files and parsed-back checks. */
class DesktopConfigArtifactsTest {
  static final DesktopConfig CONFIG =
      new DesktopConfig(
          "fleet",
          "https://adb-123.azuredatabricks.net/ai-gateway/anthropic",
          "/opt/databricks-claude/bin/databricks-claude-credential-helper");
  static final DesktopConfig TRICKY =
      new DesktopConfig(
          "o'brien \"prod\"",
          "https://ws.example.com/ai-gateway/anthropic?a=1&b=2",
          "C:\\Program Files\\databricks claude\\databricks-claude-credential-helper.cmd");
  private static final String[] FIXED = {
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333"
  };
  private static final List<String> BOOLEANS =
      List.of(
          "disableDeploymentModeChooser",
          "isClaudeCodeForDesktopEnabled",
          "isDesktopExtensionEnabled",
          "isDesktopExtensionDirectoryEnabled",
          "isDesktopExtensionSignatureRequired",
          "isLocalDevMcpEnabled",
          "disableAutoUpdates",
          "disableEssentialTelemetry",
          "disableNonessentialTelemetry",
          "disableNonessentialServices");
  private static final List<Boolean> BOOLEAN_VALUES =
      List.of(true, true, true, true, false, true, false, false, false, false);

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void mobileconfigMatchesTheGoldenFile() throws Exception {
    Golden.assertMatches(
        "desktop.mobileconfig", ConfigFormat.MOBILECONFIG.render(CONFIG, Golden.uuids(FIXED)));
  }

  @Test
  void regMatchesTheGoldenFile() throws Exception {
    Golden.assertMatches("desktop.reg", ConfigFormat.REG.render(TRICKY, Golden.uuids()));
  }

  @Test
  void devModeJsonMatchesTheGoldenFile() throws Exception {
    Golden.assertMatches("desktop.json", ConfigFormat.JSON.render(CONFIG, Golden.uuids()));
  }

  @Test
  void mobileconfigParsesBackToEverySettingWithItsType() throws Exception {
    Map<String, Object> root =
        dict(PlistParser.parse(MobileConfig.render(CONFIG, Golden.uuids(FIXED))));

    assertThat(root.keySet())
        .containsExactly(
            "PayloadContent",
            "PayloadDisplayName",
            "PayloadIdentifier",
            "PayloadType",
            "PayloadUUID",
            "PayloadVersion",
            "PayloadScope");
    assertThat(root)
        .containsEntry("PayloadType", "Configuration")
        .containsEntry("PayloadScope", "User")
        .containsEntry("PayloadVersion", 1L)
        .containsEntry("PayloadUUID", "33333333-3333-4333-8333-333333333333");
    List<Object> payloads = array(root.get("PayloadContent"));
    assertThat(payloads).hasSize(2);

    Map<String, Object> desktop = dict(payloads.get(0));
    assertThat(desktop)
        .containsEntry("PayloadType", "com.anthropic.claudefordesktop")
        .containsEntry("PayloadUUID", "11111111-1111-4111-8111-111111111111")
        .containsEntry("inferenceProvider", "gateway")
        .containsEntry("inferenceGatewayBaseUrl", CONFIG.gatewayUrl())
        .containsEntry("inferenceGatewayAuthScheme", "bearer")
        .containsEntry("inferenceCredentialHelper", CONFIG.helperPath())
        .containsEntry("inferenceCredentialHelperTtlSec", 55L)
        .containsEntry("inferenceModels", DesktopConfig.MODELS_JSON);
    for (int i = 0; i < BOOLEANS.size(); i++) {
      assertThat(desktop).containsEntry(BOOLEANS.get(i), BOOLEAN_VALUES.get(i));
    }
    assertThat(desktop).doesNotContainKey("inferenceGatewayApiKey");

    assertThat(dict(payloads.get(1)))
        .containsEntry("PayloadType", "com.icerhymers.databricks-claude")
        .containsEntry("PayloadIdentifier", "com.icerhymers.databricks-claude.settings")
        .containsEntry("PayloadDisplayName", "Databricks Claude Settings")
        .containsEntry("databricksProfile", "fleet");
  }

  @Test
  void mobileconfigEscapesAllFiveXmlCharactersAndRoundTrips() throws Exception {
    String xml = text(MobileConfig.render(TRICKY, Golden.uuids(FIXED)));

    assertThat(xml)
        .contains("?a=1&amp;b=2")
        .doesNotContain("&b=2")
        .contains("o&apos;brien &quot;prod&quot;");
    Map<String, Object> desktop =
        dict(
            array(
                    dict(PlistParser.parse(xml.getBytes(StandardCharsets.UTF_8)))
                        .get("PayloadContent"))
                .get(0));
    assertThat(desktop)
        .containsEntry("inferenceGatewayBaseUrl", TRICKY.gatewayUrl())
        .containsEntry("inferenceCredentialHelper", TRICKY.helperPath());
  }

  @Test
  void mobileconfigLayoutIsTabIndentedLikeApplesTools() {
    List<String> lines = text(MobileConfig.render(CONFIG, Golden.uuids(FIXED))).lines().toList();

    assertThat(lines.get(0)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    assertThat(lines.get(1)).isEqualTo(PlistWriter.DOCTYPE);
    assertThat(lines.get(2)).isEqualTo("<plist version=\"1.0\">");
    assertThat(lines.get(3)).isEqualTo("\t<dict>");
    assertThat(lines.get(4)).isEqualTo("\t\t<key>PayloadContent</key>");
    assertThat(lines)
        .contains(
            "\t\t\t\t<key>inferenceProvider</key>",
            "\t\t\t\t<true/>",
            "\t\t\t\t<integer>55</integer>",
            "\t\t\t<dict>");
    assertThat(lines.getLast()).isEqualTo("</plist>");
    assertThat(text(MobileConfig.render(CONFIG, Golden.uuids(FIXED)))).endsWith("</plist>\n");
  }

  @Test
  void mobileconfigHasThreeDistinctUpperCaseV4Uuids() {
    String xml = text(MobileConfig.render(CONFIG, UUID::randomUUID));
    Matcher m = Pattern.compile("<key>PayloadUUID</key>\\s*<string>([^<]*)</string>").matcher(xml);
    Set<String> uuids = new HashSet<>();
    while (m.find()) {
      assertThat(m.group(1))
          .matches("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
      uuids.add(m.group(1));
    }
    assertThat(uuids).hasSize(3);
  }

  @Test
  void regUsesCrlfDwordsAndStringTtlAndEscapesBackslashesAndQuotes() {
    String reg = text(RegFile.render(TRICKY));

    assertThat(reg.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(reg)
        .startsWith(
            "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]\r\n"
                + "\"disableDeploymentModeChooser\"=dword:00000001\r\n")
        .contains("\"inferenceCredentialHelperTtlSec\"=\"55\"\r\n")
        .contains("\"isDesktopExtensionSignatureRequired\"=dword:00000000\r\n")
        .contains("\"inferenceCredentialHelper\"=\"C:\\\\Program Files\\\\databricks claude\\\\")
        .contains("\"inferenceModels\"=\"[{\\\"name\\\":\\\"databricks-claude-opus-4-7\\\"")
        .endsWith(
            "\r\n[HKEY_CURRENT_USER\\SOFTWARE\\IceRhymers\\databricks-claude]\r\n"
                + "\"databricksProfile\"=\"o'brien \\\"prod\\\"\"\r\n");
    assertThat(reg.getBytes(StandardCharsets.UTF_8)[0]).isEqualTo((byte) 'W');
  }

  @Test
  void regEscapeHandlesQuotesBackslashesAndBoth() {
    assertThat(RegFile.escape("a\"b")).isEqualTo("a\\\"b");
    assertThat(RegFile.escape("C:\\x")).isEqualTo("C:\\\\x");
    assertThat(RegFile.escape("\\\"")).isEqualTo("\\\\\\\"");
    assertThat(RegFile.escape("plain")).isEqualTo("plain");
  }

  @Test
  void devModeJsonHasEveryKeyInOrderWithRealTypes() throws Exception {
    byte[] bytes = DevModeJson.render(TRICKY);
    String json = text(bytes);
    JsonObject o = (JsonObject) Json.parse(json);

    assertThat(json).endsWith("}\n").doesNotContain("inferenceGatewayApiKey");
    assertThat(List.copyOf(o.keys()).subList(0, 8))
        .containsExactly(
            "databricksProfile",
            "disableDeploymentModeChooser",
            "inferenceProvider",
            "inferenceGatewayBaseUrl",
            "inferenceGatewayAuthScheme",
            "inferenceModels",
            "inferenceCredentialHelper",
            "inferenceCredentialHelperTtlSec");
    assertThat(o.size()).isEqualTo(17);
    for (int i = 0; i < BOOLEANS.size(); i++) {
      assertThat(o.get(BOOLEANS.get(i))).contains(JsonBool.of(BOOLEAN_VALUES.get(i)));
    }
    assertThat(o.string("inferenceGatewayBaseUrl")).contains(TRICKY.gatewayUrl());
    assertThat(o.string("inferenceCredentialHelper")).contains(TRICKY.helperPath());
    assertThat(o.string("databricksProfile")).contains(TRICKY.profile());
    assertThat(o.get("inferenceCredentialHelperTtlSec")).contains(JsonNumber.of(55));
    JsonArray models = o.array("inferenceModels").orElseThrow();
    assertThat(models.size()).isEqualTo(5);
    JsonObject first = (JsonObject) models.get(0);
    assertThat(first.string("name")).contains("databricks-claude-opus-4-7");
    assertThat(first.get("supports1m")).contains(JsonBool.TRUE);
  }

  @Test
  void modelListIsTheSameInAllThreeArtifacts() throws Exception {
    Map<String, Object> desktop =
        dict(
            array(
                    dict(PlistParser.parse(MobileConfig.render(CONFIG, Golden.uuids(FIXED))))
                        .get("PayloadContent"))
                .get(0));
    JsonObject json = (JsonObject) Json.parse(text(DevModeJson.render(CONFIG)));
    Matcher reg =
        Pattern.compile("\"inferenceModels\"=\"(.*)\"\r\n").matcher(text(RegFile.render(CONFIG)));

    assertThat(desktop.get("inferenceModels")).isEqualTo(DesktopConfig.MODELS_JSON);
    assertThat(Json.compact(json.get("inferenceModels").orElseThrow()))
        .isEqualTo(DesktopConfig.MODELS_JSON);
    assertThat(reg.find()).isTrue();
    assertThat(reg.group(1).replace("\\\"", "\"").replace("\\\\", "\\"))
        .isEqualTo(DesktopConfig.MODELS_JSON);
  }

  @Test
  void formatFollowsTheSuffixCaseInsensitivelyElseTheNativeFormat() {
    assertThat(ConfigFormat.forPath(java.nio.file.Path.of("a/B.MobileConfig"), true))
        .isEqualTo(ConfigFormat.MOBILECONFIG);
    assertThat(ConfigFormat.forPath(java.nio.file.Path.of("b.REG"), false))
        .isEqualTo(ConfigFormat.REG);
    assertThat(ConfigFormat.forPath(java.nio.file.Path.of("c.Json"), false))
        .isEqualTo(ConfigFormat.JSON);
    assertThat(ConfigFormat.forPath(java.nio.file.Path.of("d.plist"), false))
        .isEqualTo(ConfigFormat.MOBILECONFIG);
    assertThat(ConfigFormat.forPath(java.nio.file.Path.of("x"), true)).isEqualTo(ConfigFormat.REG);
  }
}
