package io.github.dbclaude.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The helper path written into generated configs. */
class HelperPathTest {
  private static final Optional<Path> LAUNCHER =
      Optional.of(Path.of("/opt/dc/bin/databricks-claude"));

  @Test
  void explicitOverrideIsUsedVerbatimEvenWithForPkg() {
    assertThat(HelperPath.resolve("/x/y helper", true, "Mac OS X", LAUNCHER, Path.of("/w")))
        .isEqualTo("/x/y helper");
  }

  @Test
  void forPkgOnMacOsPointsAtTheCanonicalInstallDirectory() {
    assertThat(HelperPath.MACOS_PKG_DIR).isEqualTo("/usr/local/bin");
    assertThat(HelperPath.resolve("", true, "Mac OS X", LAUNCHER, Path.of("/w")))
        .isEqualTo("/usr/local/bin/databricks-claude-credential-helper");
  }

  @Test
  void forPkgElsewhereAndTheDefaultUseTheAliasBesideTheLauncher() {
    assertThat(HelperPath.resolve("", true, "Linux", LAUNCHER, Path.of("/w")))
        .isEqualTo("/opt/dc/bin/databricks-claude-credential-helper");
    assertThat(HelperPath.resolve("", false, "Mac OS X", LAUNCHER, Path.of("/w")))
        .isEqualTo("/opt/dc/bin/databricks-claude-credential-helper");
  }

  @Test
  void windowsAliasIsTheBatchFileBesideTheLauncher() {
    assertThat(HelperPath.resolve("", false, "Windows 11", LAUNCHER, Path.of("/w")))
        .endsWith("databricks-claude-credential-helper.cmd");
  }

  @Test
  void unknownLauncherFallsBackToTheWorkingDirectory() {
    assertThat(HelperPath.resolve("", false, "Linux", Optional.empty(), Path.of("/w")))
        .isEqualTo("/w/databricks-claude-credential-helper");
  }
}
