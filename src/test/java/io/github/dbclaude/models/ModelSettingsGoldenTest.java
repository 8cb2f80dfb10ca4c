package io.github.dbclaude.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * settings.json as a session start leaves it, from golden inputs: a fresh HOME, a HOME with user
 * pins, one written by v0.19 (betas switch, forced ANTHROPIC_MODEL) and one by v2.0 ({@code models}
 * in the state file). {@code -Dgolden.update=true} rewrites the expected files.
 */
class ModelSettingsGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/io/github/dbclaude/models");
  private static final String PROXY = "http://127.0.0.1:49153";
  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"fresh-home", "user-pin", "v019-home", "v2-home"})
  void aSessionStartWritesTheGoldenSettings(String name) throws Exception {
    Path in = DIR.resolve(name);
    SettingsFile settings = new SettingsFile(home);
    StateFile state = new StateFile(home, Log.discard());
    Files.createDirectories(settings.path().getParent());
    copyIfPresent(in.resolve("settings.in.json"), settings.path());
    copyIfPresent(in.resolve("state.in.json"), state.path());

    sessionStart(settings, state);
    byte[] first = Files.readAllBytes(settings.path());
    byte[] firstState = Files.readAllBytes(state.path());
    sessionStart(settings, state);

    assertMatches(in.resolve("settings.out.json"), first);
    assertMatches(in.resolve("state.out.json"), firstState);
    assertThat(Files.readAllBytes(settings.path()))
        .as("a second start changes nothing")
        .isEqualTo(first);
    assertThat(Files.readAllBytes(state.path())).isEqualTo(firstState);
  }

  private static void sessionStart(SettingsFile settings, StateFile state) throws Exception {
    ModelSettingsWriter models = new ModelSettingsWriter(state, "1.2.3", "2.1.331");
    new SettingsBootstrap(settings, state, port -> false)
        .bootstrap(0, "", PROXY, Map.of(), models.edit());
    models.record();
  }

  private static void copyIfPresent(Path from, Path to) throws Exception {
    if (Files.exists(from)) {
      Files.copy(from, to);
    }
  }

  private static void assertMatches(Path golden, byte[] actual) throws Exception {
    if (Boolean.getBoolean("golden.update")) {
      Files.write(golden, actual);
    }
    assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(Files.readString(golden));
  }
}
