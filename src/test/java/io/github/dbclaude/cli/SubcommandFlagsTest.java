package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Flag extraction of the desktop and setup sub-commands (CHECKLIST L, N, O). */
class SubcommandFlagsTest {
  @Test
  void valueIsFoundInSpaceAndEqualsFormsAnywhere() {
    assertThat(SubcommandFlags.value(List.of(), "profile")).isEmpty();
    assertThat(SubcommandFlags.value(List.of("--profile", "a", "--output", "x"), "profile"))
        .isEqualTo("a");
    assertThat(SubcommandFlags.value(List.of("--output", "x", "--profile", "a"), "profile"))
        .isEqualTo("a");
    assertThat(SubcommandFlags.value(List.of("--output=x.reg", "--profile=b"), "output"))
        .isEqualTo("x.reg");
    assertThat(SubcommandFlags.value(List.of("--host=h", "--profile", "p"), "host")).isEqualTo("h");
  }

  @Test
  void firstOccurrenceWins() {
    assertThat(SubcommandFlags.value(List.of("--cert=a", "--cert", "b"), "cert")).isEqualTo("a");
  }

  @Test
  void bareFlagAtTheEndReadsAsAbsent() {
    assertThat(SubcommandFlags.value(List.of("--output", "x", "--profile"), "profile")).isEmpty();
    assertThat(SubcommandFlags.value(List.of("--host"), "host")).isEmpty();
    assertThat(SubcommandFlags.value(List.of("--databricks-cli-path"), "databricks-cli-path"))
        .isEmpty();
  }

  @Test
  void longerFlagNamesDoNotMatch() {
    assertThat(SubcommandFlags.value(List.of("--profiles", "x"), "profile")).isEmpty();
    assertThat(SubcommandFlags.present(List.of("--forced"), "force")).isFalse();
    assertThat(SubcommandFlags.present(List.of("--force"), "force")).isTrue();
    assertThat(SubcommandFlags.present(List.of("--force=no"), "force")).isTrue();
    assertThat(SubcommandFlags.present(List.of("x"), "force")).isFalse();
  }

  @Test
  void forPkgSwitchReadsPresenceAndTruthyValues() {
    assertThat(SubcommandFlags.switchOn(List.of(), "for-pkg")).isFalse();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkg"), "for-pkg")).isTrue();
    assertThat(SubcommandFlags.switchOn(List.of("--profile", "p", "--for-pkg"), "for-pkg"))
        .isTrue();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkg=true"), "for-pkg")).isTrue();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkg=1"), "for-pkg")).isTrue();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkg="), "for-pkg")).isTrue();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkg=false"), "for-pkg")).isFalse();
    assertThat(SubcommandFlags.switchOn(List.of("--for-pkgs"), "for-pkg")).isFalse();
  }
}
