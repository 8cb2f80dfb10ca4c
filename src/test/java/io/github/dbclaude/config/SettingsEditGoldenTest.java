package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes our two settings.json edits write — the wrapper's bootstrap (proxy URL, full-setup
 * keys) and {@code --install-hooks} — for the files users have: none yet, one with other tools' and
 * the user's own keys, one written by the Go tool v0.19 and one by v2.0. The expected files are
 * under src/test/resources/…/config/settings; {@code -Dgolden.update=true} rewrites them.
 */
class SettingsEditGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/io/github/dbclaude/config/settings");
  private static final String PROXY = "http://127.0.0.1:49153";

  @TempDir Path home;

  private SettingsFile settings() {
    return new SettingsFile(home);
  }

  private void given(String name) throws IOException {
    Files.createDirectories(settings().path().getParent());
    Files.copy(DIR.resolve(name + ".in.json"), settings().path());
  }

  private void bootstrap() throws Exception {
    new SettingsBootstrap(settings(), new StateFile(home, Log.discard()), port -> false)
        .bootstrap(49153, "DEFAULT", PROXY, ProxyEnv.FULL_SETUP_KEYS);
  }

  private void assertMatches(String golden) throws IOException {
    byte[] actual = Files.readAllBytes(settings().path());
    Path file = DIR.resolve(golden);
    if (Boolean.getBoolean("golden.update")) {
      Files.write(file, actual);
    }
    assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(Files.readString(file));
  }

  @Test
  void freshMachine() throws Exception {
    bootstrap();
    assertMatches("fresh.wrapper.json");
    settings().update(HookEntries::install);
    assertMatches("fresh.install-hooks.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"foreign-keys", "v019-written", "v2-written"})
  void existingFile(String name) throws Exception {
    given(name);
    bootstrap();
    assertMatches(name + ".wrapper.json");
    settings().update(HookEntries::install);
    assertMatches(name + ".install-hooks.json");
  }

  @Test
  void malformedFileIsLeftByteForByte() throws Exception {
    given("malformed");
    byte[] before = Files.readAllBytes(settings().path());

    assertThatThrownBy(this::bootstrap).isInstanceOf(UserFacingException.class);
    assertThatThrownBy(() -> settings().update(HookEntries::install))
        .isInstanceOf(UserFacingException.class);

    assertThat(Files.readAllBytes(settings().path())).isEqualTo(before);
  }
}
