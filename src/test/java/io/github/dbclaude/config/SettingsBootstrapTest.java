package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsBootstrapTest {
  private static final String PROXY = "http://127.0.0.1:49153";
  private static final PortProbe ALL_DEAD = port -> false;

  @TempDir Path home;

  private SettingsFile settings() {
    return new SettingsFile(home);
  }

  private StateFile state() {
    return new StateFile(home, Log.discard());
  }

  private boolean bootstrap(int port, String profile) throws Exception {
    return new SettingsBootstrap(settings(), state(), ALL_DEAD)
        .bootstrap(port, profile, PROXY, Map.of("SOME_EXTRA", "1"));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void freshMachinePersistsPortAndProfileAndPointsSettingsAtTheProxy() throws Exception {
    assertThat(bootstrap(49153, "myws")).isTrue();
    assertThat(state().read().port()).isEqualTo(49153);
    assertThat(state().read().profile()).isEqualTo("myws");
    assertThat(settings().read().object("env").orElseThrow().string("ANTHROPIC_BASE_URL"))
        .contains(PROXY);
  }

  @Test
  void defaultProfileIsNotPersisted() throws Exception {
    bootstrap(49153, "DEFAULT");
    assertThat(state().read().port()).isEqualTo(49153);
    assertThat(state().read().profile()).isEmpty();
  }

  @Test
  void profileOnlyLeavesPortAbsent() throws Exception {
    bootstrap(0, "myws");
    assertThat(state().path()).hasContent("{\n  \"profile\": \"myws\"\n}\n");
  }

  @Test
  void noPortAndDefaultProfileDoesNotCreateTheStateFile() throws Exception {
    bootstrap(0, "DEFAULT");
    assertThat(state().path()).doesNotExist();
    assertThat(settings().path()).exists();
  }

  @Test
  void secondIdenticalBootstrapLeavesBothFilesByteIdentical() throws Exception {
    bootstrap(49153, "myws");
    String stateHash = sha256(state().path());
    String settingsHash = sha256(settings().path());
    assertThat(bootstrap(49153, "myws")).isFalse();
    assertThat(sha256(state().path())).isEqualTo(stateHash);
    assertThat(sha256(settings().path())).isEqualTo(settingsHash);
  }

  @Test
  void freshMachineGetsAPrivateClaudeDirectory() throws Exception {
    bootstrap(49153, "myws");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".claude"))))
        .isEqualTo("rwx------");
  }

  @Test
  void staleStoredProfileIsReplaced() throws Exception {
    bootstrap(0, "old");
    bootstrap(0, "new");
    assertThat(state().read().profile()).isEqualTo("new");
  }

  @Test
  void defaultNeverOverwritesAStoredProfile() throws Exception {
    bootstrap(0, "mine");
    bootstrap(0, "DEFAULT");
    assertThat(state().read().profile()).isEqualTo("mine");
  }

  @Test
  void malformedSettingsStopsWithItsBytesUntouched() throws Exception {
    Path file = home.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\n  \"env\": {\n");
    assertThatThrownBy(() -> bootstrap(49153, "myws"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("is not valid JSON (line 3");
    assertThat(file).hasContent("{\n  \"env\": {\n");
  }

  @Test
  void unparsableStateStopsBeforeSettingsAreTouched() throws Exception {
    Path file = state().path();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{oops");
    assertThatThrownBy(() -> bootstrap(49153, "myws")).isInstanceOf(UserFacingException.class);
    assertThat(file).hasContent("{oops");
    assertThat(settings().path()).doesNotExist();
  }

  @Test
  void extraEnvOverwritesUserEditsOfItsKeys() throws Exception {
    bootstrap(0, "p");
    settings().update(s -> s.ensureObject("env").put("SOME_EXTRA", "mine"));
    bootstrap(0, "p");
    assertThat(settings().read().object("env").orElseThrow().string("SOME_EXTRA")).contains("1");
  }

  @Test
  void theAdditionalEditRunsInTheSameWrite() throws Exception {
    new SettingsBootstrap(settings(), state(), ALL_DEAD)
        .bootstrap(0, "", PROXY, Map.of(), s -> s.put("modelPicker", "x"));
    assertThat(settings().read().string("modelPicker")).contains("x");
    assertThat(settings().read().object("env").orElseThrow().string("ANTHROPIC_BASE_URL"))
        .contains(PROXY);
  }
}
