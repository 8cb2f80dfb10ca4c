package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeSettingsArgTest {
  private static final Map<String, String> ENV = new LinkedHashMap<>();

  static {
    ENV.put("ANTHROPIC_BASE_URL", "http://127.0.0.1:4000");
    ENV.put("ANTHROPIC_AUTH_TOKEN", "proxy-managed");
    ENV.put("ANTHROPIC_MODEL", "databricks-claude-opus-4-7");
  }

  @TempDir Path dir;

  private static JsonObject settingsOf(List<String> args) throws Exception {
    assertThat(args.getFirst()).isEqualTo("--settings");
    return (JsonObject) Json.parse(Files.readString(Path.of(args.get(1))));
  }

  private List<String> apply(List<String> args, Map<String, String> env) throws Exception {
    JsonObject session = new JsonObject();
    JsonObject target = session.ensureObject("env");
    env.forEach(target::put);
    return ClaudeSettingsArg.apply(args, session, dir.resolve("session.json"));
  }

  @Test
  void addsOneSettingsArgumentFirstAndKeepsTheRestInOrder() throws Exception {
    List<String> args = apply(List.of("-p", "hi", "--model", "x"), ENV);

    assertThat(args.subList(2, args.size())).containsExactly("-p", "hi", "--model", "x");
    assertThat(settingsOf(args).object("env").orElseThrow().asMap().keySet())
        .containsExactlyElementsOf(ENV.keySet());
  }

  @Test
  void mergesInlineUserSettingsKeepingTheirKeysButPointingAtTheProxy() throws Exception {
    List<String> args =
        apply(
            List.of(
                "--settings",
                "{\"model\":\"m\",\"env\":{\"ANTHROPIC_MODEL\":\"mine\","
                    + "\"ANTHROPIC_BASE_URL\":\"http://elsewhere\"}}",
                "-p",
                "hi"),
            ENV);

    JsonObject settings = settingsOf(args);
    assertThat(args.subList(2, args.size())).containsExactly("-p", "hi");
    assertThat(settings.string("model")).contains("m");
    JsonObject env = settings.object("env").orElseThrow();
    assertThat(env.string("ANTHROPIC_MODEL")).contains("mine");
    assertThat(env.string("ANTHROPIC_BASE_URL")).contains("http://127.0.0.1:4000");
  }

  @Test
  void mergesASettingsFileGivenWithEquals() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"permissions\":{\"allow\":[\"Bash\"]}}");

    JsonObject settings = settingsOf(apply(List.of("--settings=" + file), ENV));

    assertThat(settings.object("permissions")).isPresent();
    assertThat(settings.object("env").orElseThrow().string("ANTHROPIC_AUTH_TOKEN"))
        .contains("proxy-managed");
  }

  @Test
  void argumentsAfterADoubleDashAreLeftAlone() throws Exception {
    List<String> args = apply(List.of("--", "--settings", "x"), ENV);
    assertThat(args.subList(2, args.size())).containsExactly("--", "--settings", "x");
  }

  @Test
  void theSettingsGoToAPrivateFileSoTheProxyKeyNeverShowsInPs() throws Exception {
    List<String> args = apply(List.of("-p", "hi"), Map.of("ANTHROPIC_AUTH_TOKEN", "pk-secret"));

    assertThat(String.join(" ", args)).doesNotContain("pk-secret");
    assertThat(Files.readString(Path.of(args.get(1)))).contains("pk-secret");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(args.get(1)))))
        .isEqualTo("rw-------");
  }

  @Test
  void unreadableOrInvalidUserSettingsAreOneLineErrors() {
    assertThatThrownBy(() -> apply(List.of("--settings", dir.resolve("none").toString()), ENV))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("cannot read the file given to --settings");
    assertThatThrownBy(() -> apply(List.of("--settings", "{oops"), ENV))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("is not valid JSON");
  }
}
