package io.github.dbclaude.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  @Test
  void readsFamilyAndVersionFromBothNamings() {
    assertThat(ClaudeModel.parse("databricks-claude-opus-4-8"))
        .contains(new ClaudeModel("databricks-claude-opus-4-8", "opus", 4, 8));
    assertThat(ClaudeModel.parse("system.ai.claude-sonnet-5[1m]"))
        .contains(new ClaudeModel("system.ai.claude-sonnet-5", "sonnet", 5, 0));
    assertThat(ClaudeModel.parse("databricks-gpt-5")).isEmpty();
    assertThat(ClaudeModel.parse("databricks-claude-3-7-sonnet")).isEmpty();
  }

  @Test
  void aDateAfterTheMajorIsNoMinorVersion() {
    assertThat(ClaudeModel.parse("claude-opus-4-20250514").orElseThrow().minor()).isZero();
    assertThat(ClaudeModel.parse("claude-sonnet-4-5-20250929").orElseThrow().minor()).isEqualTo(5);
  }

  @Test
  void picksTheNewestPerFamilyByNumberNotByText() {
    ModelCatalog catalog =
        new ModelCatalog(
            List.of(
                "databricks-claude-opus-4-7",
                "databricks-claude-opus-4-10",
                "databricks-claude-opus-4-8",
                "databricks-claude-sonnet-4-6",
                "databricks-claude-sonnet-5",
                "databricks-claude-haiku-4-5",
                "databricks-gpt-5"));

    assertThat(catalog.choice())
        .isEqualTo(
            new FamilyIds(
                "databricks-claude-opus-4-10[1m]",
                "databricks-claude-sonnet-5[1m]",
                "databricks-claude-haiku-4-5"));
    assertThat(catalog.ids()).doesNotContain("databricks-gpt-5");
  }

  @Test
  void oneMillionContextOnlyForOpusAndSonnetFromFourSix() {
    assertThat(ClaudeModel.parse("databricks-claude-sonnet-4-5").orElseThrow().settingsId())
        .isEqualTo("databricks-claude-sonnet-4-5");
    assertThat(ClaudeModel.parse("databricks-claude-sonnet-4-6").orElseThrow().settingsId())
        .isEqualTo("databricks-claude-sonnet-4-6[1m]");
    assertThat(ClaudeModel.parse("databricks-claude-haiku-5").orElseThrow().settingsId())
        .isEqualTo("databricks-claude-haiku-5");
  }

  @Test
  void aFamilyTheGatewayLacksStaysEmpty() {
    assertThat(new ModelCatalog(List.of("system.ai.claude-opus-4-8")).choice())
        .isEqualTo(new FamilyIds("system.ai.claude-opus-4-8[1m]", "", ""));
  }

  @Test
  void theFirstListedNamingWinsATie() {
    ModelCatalog catalog =
        new ModelCatalog(List.of("system.ai.claude-opus-4-8", "databricks-claude-opus-4-8"));
    assertThat(catalog.choice().opus()).isEqualTo("system.ai.claude-opus-4-8[1m]");
    assertThat(catalog.pickerModels()).hasSize(1);
  }

  @Test
  void pickerHasReadableLabelsNewestFirstPerFamily() {
    ModelCatalog catalog =
        new ModelCatalog(
            List.of(
                "databricks-claude-haiku-4-5",
                "databricks-claude-opus-4-7",
                "databricks-claude-opus-4-8",
                "databricks-claude-sonnet-5"));

    assertThat(Json.compact(catalog.modelPicker()))
        .isEqualTo(
            "{\"replaceBuiltInOptions\":true,\"options\":["
                + "{\"model\":\"databricks-claude-opus-4-8[1m]\",\"label\":\"Claude Opus 4.8\","
                + "\"description\":\"databricks-claude-opus-4-8 · 1M context\"},"
                + "{\"model\":\"databricks-claude-opus-4-7[1m]\",\"label\":\"Claude Opus 4.7\","
                + "\"description\":\"databricks-claude-opus-4-7 · 1M context\"},"
                + "{\"model\":\"databricks-claude-sonnet-5[1m]\",\"label\":\"Claude Sonnet 5\","
                + "\"description\":\"databricks-claude-sonnet-5 · 1M context\"},"
                + "{\"model\":\"databricks-claude-haiku-4-5\",\"label\":\"Claude Haiku 4.5\","
                + "\"description\":\"databricks-claude-haiku-4-5\"}]}");
  }

  @Test
  void desktopListIsNewestFirstAcrossFamiliesInTheV2Shape() {
    ModelCatalog catalog =
        new ModelCatalog(
            List.of(
                "system.ai.claude-opus-4-8",
                "system.ai.claude-sonnet-5",
                "system.ai.claude-haiku-4-5"));

    assertThat(Json.compact(catalog.desktopModels()))
        .isEqualTo(
            "[{\"name\":\"system.ai.claude-sonnet-5\",\"supports1m\":true},"
                + "{\"name\":\"system.ai.claude-opus-4-8\",\"supports1m\":true},"
                + "{\"name\":\"system.ai.claude-haiku-4-5\"}]");
  }
}
