package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plugin files shipped at the repository root agree with what --install-hooks writes. */
class PluginFilesTest {
  // Maven runs tests with the module directory, the repository root, as working directory.
  private static JsonObject read(String path) throws Exception {
    return (JsonObject) Json.parse(Files.readString(Path.of(path)));
  }

  @Test
  void pluginHooksAreExactlyTheEntriesInstallHooksWrites() throws Exception {
    JsonObject installed = new JsonObject();
    HookEntries.install(installed);

    assertThat(read("hooks/hooks.json")).isEqualTo(installed);
  }

  @Test
  void pluginManifestNamesTheToolWithVersionAndAuthor() throws Exception {
    JsonObject manifest = read(".claude-plugin/plugin.json");

    assertThat(manifest.keys()).containsExactly("name", "description", "version", "author");
    assertThat(manifest.string("name")).contains("databricks-claude");
    assertThat(manifest.string("version")).contains("1.0.0");
    assertThat(manifest.string("description")).hasValueSatisfying(d -> assertThat(d).isNotBlank());
    assertThat(Json.compact(manifest.get("author").orElseThrow()))
        .isEqualTo("{\"name\":\"IceRhymers\"}");
  }
}
