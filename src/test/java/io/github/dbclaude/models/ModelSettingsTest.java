package io.github.dbclaude.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {
  private static final List<String> LISTED =
      List.of("databricks-claude-opus-4-8", "databricks-claude-sonnet-4-6");
  private static final ModelState DISCOVERED =
      ModelState.EMPTY.withDiscovery(
          new ModelCatalog(LISTED).choice(), LISTED, Instant.parse("2026-12-06T08:00:00Z"));

  private static JsonObject doc(String json) throws Exception {
    return (JsonObject) Json.parse(json);
  }

  private static JsonObject env(JsonObject settings) {
    return settings.object("env").orElseThrow();
  }

  @Test
  void neverDiscoveredFallsBackToTheBuiltInNamesPerFamily() {
    JsonObject s = new JsonObject();
    ModelSettings.apply(s, ModelState.EMPTY, "1", "2");
    assertThat(env(s).string("ANTHROPIC_DEFAULT_OPUS_MODEL"))
        .contains("databricks-claude-opus-4-7");
    assertThat(s.has(ModelSettings.PICKER)).isFalse();
    assertThat(env(s).has("ANTHROPIC_MODEL")).isFalse();
  }

  @Test
  void aFamilyTheWorkspaceLacksKeepsTheBuiltInName() {
    JsonObject s = new JsonObject();
    ModelSettings.apply(s, DISCOVERED, "1", "2");
    assertThat(env(s).string("ANTHROPIC_DEFAULT_HAIKU_MODEL"))
        .contains("databricks-claude-haiku-4-5");
  }

  @Test
  void aConfigPinWinsEvenOverTheUsersOwnValue() throws Exception {
    JsonObject s = doc("{\"env\":{\"ANTHROPIC_DEFAULT_OPUS_MODEL\":\"their-own\"}}");
    ModelState pinned =
        DISCOVERED.withPins(new FamilyIds("databricks-claude-opus-4-7", "", ""), "");
    ModelSettings.apply(s, pinned, "1", "2");
    assertThat(env(s).string("ANTHROPIC_DEFAULT_OPUS_MODEL"))
        .contains("databricks-claude-opus-4-7");
  }

  @Test
  void anthropicModelIsWrittenOnlyWhenPinnedAsDefault() {
    JsonObject s = new JsonObject();
    JsonObject record =
        ModelSettings.apply(
            s, DISCOVERED.withPins(FamilyIds.NONE, "databricks-claude-opus-4-8"), "1", "2");
    assertThat(env(s).string("ANTHROPIC_MODEL")).contains("databricks-claude-opus-4-8");

    ModelSettings.apply(s, DISCOVERED.withWritten(record), "1", "2");
    assertThat(env(s).has("ANTHROPIC_MODEL")).as("removed after the pin is reset").isFalse();
  }

  @Test
  void theUsersOwnAnthropicModelStays() throws Exception {
    JsonObject s = doc("{\"env\":{\"ANTHROPIC_MODEL\":\"databricks-claude-sonnet-4-6\"}}");
    ModelSettings.apply(s, DISCOVERED, "1", "2");
    assertThat(env(s).string("ANTHROPIC_MODEL")).contains("databricks-claude-sonnet-4-6");
  }

  @Test
  void aNonStringValueIsTheUsersAndStays() throws Exception {
    JsonObject s = doc("{\"env\":{\"ENABLE_TOOL_SEARCH\":false}}");
    ModelSettings.apply(s, DISCOVERED, "1", "2");
    assertThat(Json.compact(env(s).get("ENABLE_TOOL_SEARCH").orElseThrow())).isEqualTo("false");
  }

  @Test
  void experimentalBetasOffRestoresTheOldSwitchAndDropsOneHourCaching() throws Exception {
    JsonObject s = new JsonObject();
    JsonObject record = ModelSettings.apply(s, DISCOVERED, "1", "2");
    ModelState off = DISCOVERED.withWritten(record).withExperimentalBetasOff(true);

    ModelSettings.apply(s, off, "1", "2");

    assertThat(env(s).string("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS")).contains("1");
    assertThat(env(s).has("ENABLE_PROMPT_CACHING_1H")).isFalse();
  }

  @Test
  void aPickerTheUserWroteIsLeftAlone() throws Exception {
    JsonObject s = doc("{\"modelPicker\":{\"options\":[{\"model\":\"mine\"}]}}");
    JsonObject record = ModelSettings.apply(s, DISCOVERED, "1", "2");
    assertThat(Json.compact(s.get("modelPicker").orElseThrow()))
        .isEqualTo("{\"options\":[{\"model\":\"mine\"}]}");
    assertThat(record.has("modelPicker")).isFalse();
  }

  @Test
  void userAgentOfTheirOwnWinsOverOurs() {
    assertThat(EnvBlock.headers("User-Agent: corp-tool/1", "1.2.3", "2.1.0"))
        .isEqualTo("x-databricks-use-coding-agent-mode: true\nUser-Agent: corp-tool/1");
  }
}
