package io.github.dbclaude.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.platform.Platform;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The helper path written into generated configs. */
class HelperPathTest {
  private static final Optional<Path> LAUNCHER =
      Optional.of(Path.of("/opt/dc/bin/databricks-claude"));

  @Test
  void explicitOverrideIsUsedVerbatimEvenWithForPkg() {
    assertThat(
            HelperPath.resolve(
                "/x/y helper",
                true,
                new Platform("Mac OS X", "amd64", false),
                LAUNCHER,
                Path.of("/w")))
        .isEqualTo("/x/y helper");
  }

  @Test
  void forPkgOnMacOsPointsAtTheCanonicalInstallDirectory() {
    assertThat(HelperPath.MACOS_PKG_DIR).isEqualTo("/usr/local/bin");
    assertThat(
            HelperPath.resolve(
                "", true, new Platform("Mac OS X", "amd64", false), LAUNCHER, Path.of("/w")))
        .isEqualTo("/usr/local/bin/databricks-claude-credential-helper");
  }

  @Test
  void forPkgElsewhereAndTheDefaultUseTheAliasBesideTheLauncher() {
    assertThat(
            HelperPath.resolve(
                "", true, new Platform("Linux", "amd64", false), LAUNCHER, Path.of("/w")))
        .isEqualTo("/opt/dc/bin/databricks-claude-credential-helper");
    assertThat(
            HelperPath.resolve(
                "", false, new Platform("Mac OS X", "amd64", false), LAUNCHER, Path.of("/w")))
        .isEqualTo("/opt/dc/bin/databricks-claude-credential-helper");
  }

  @Test
  void windowsAliasIsTheBatchFileBesideTheLauncher() {
    assertThat(
            HelperPath.resolve(
                "", false, new Platform("Windows 11", "amd64", false), LAUNCHER, Path.of("/w")))
        .endsWith("databricks-claude-credential-helper.cmd");
  }

  @Test
  void unknownLauncherFallsBackToTheWorkingDirectory() {
    assertThat(
            HelperPath.resolve(
                "", false, new Platform("Linux", "amd64", false), Optional.empty(), Path.of("/w")))
        .isEqualTo("/w/databricks-claude-credential-helper");
  }
}
