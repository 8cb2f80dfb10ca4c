package io.github.dbclaude.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the artifacts: atomic, private, and never over a JSON that is not ours (CHECKLIST N). */
class DesktopConfigFilesTest {
  @TempDir Path dir;
  private final DesktopConfigFiles files =
      new DesktopConfigFiles(DesktopConfigArtifactsTest.CONFIG, UUID::randomUUID, false);

  @Test
  void writesOneFileInTheFormatOfItsSuffixPrivatelyAndWithoutLeftovers() throws Exception {
    Path out = dir.resolve("nested/new/config.JSON");

    DesktopConfigFiles.Written w = files.writeOne(out);

    assertThat(w.format()).isEqualTo(ConfigFormat.JSON);
    assertThat(Files.readString(out)).contains("\"inferenceProvider\": \"gateway\"");
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertThat(left).containsExactly(out);
    }
  }

  @Test
  void writesAllThreeFormatsIntoADirectory() throws Exception {
    assertThat(files.writeAll(dir))
        .extracting(DesktopConfigFiles.Written::path)
        .containsExactly(
            dir.resolve("databricks-claude-desktop.mobileconfig"),
            dir.resolve("databricks-claude-desktop.reg"),
            dir.resolve("databricks-claude-desktop.json"));
    assertThat(Files.readString(dir.resolve("databricks-claude-desktop.reg")))
        .startsWith("Windows Registry Editor Version 5.00\r\n");
  }

  @Test
  void unknownSuffixGetsTheNativeFormat() throws Exception {
    assertThat(files.writeOne(dir.resolve("profile.txt")).format())
        .isEqualTo(ConfigFormat.MOBILECONFIG);
    assertThat(
            new DesktopConfigFiles(DesktopConfigArtifactsTest.CONFIG, UUID::randomUUID, true)
                .writeOne(dir.resolve("profile.txt"))
                .format())
        .isEqualTo(ConfigFormat.REG);
  }

  @Test
  void jsonGuardAllowsMissingEmptyAndOurOwnFiles() throws Exception {
    Path out = dir.resolve("c.json");
    files.writeOne(out);
    files.writeOne(out);
    Files.writeString(out, "");
    files.writeOne(out);
    assertThat(Files.readString(out)).contains("\"inferenceProvider\": \"gateway\"");
  }

  @Test
  void jsonGuardRefusesASettingsFileAndLeavesItAlone() throws Exception {
    Path out = dir.resolve("settings.json");
    String settings = "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:49153\"}}\n";
    Files.writeString(out, settings);

    assertThatThrownBy(() -> files.writeOne(out))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(
            "refusing to overwrite \"" + out + "\": not a databricks-claude dev-mode JSON (");
    assertThat(Files.readString(out)).isEqualTo(settings);
  }

  @Test
  void jsonGuardRefusesNonJsonContent() throws Exception {
    Path out = dir.resolve("notes.json");
    Files.writeString(out, "shopping list: eggs");

    assertThatThrownBy(() -> files.writeOne(out))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(out.toString())
        .hasMessageContaining("not valid JSON");
    assertThat(Files.readString(out)).isEqualTo("shopping list: eggs");
  }

  @Test
  void unwritableTargetIsAClearError() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> files.writeOne(blocker.resolve("c.reg")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("cannot write ");
  }
}
