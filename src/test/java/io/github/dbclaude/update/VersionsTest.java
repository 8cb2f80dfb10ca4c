package io.github.dbclaude.update;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void comparesNumericallyPartByPart() {
    assertThat(Versions.compare("0.9.0", "0.10.0")).isNegative();
    assertThat(Versions.compare("0.10.0", "0.9.0")).isPositive();
    assertThat(Versions.compare("2.0.0", "1.99.99")).isPositive();
    assertThat(Versions.compare("0.0.1", "0.0.2")).isNegative();
    assertThat(Versions.compare("1.2.3", "1.2.3")).isZero();
  }

  @Test
  void missingPartsAndLeadingVCountAsEqual() {
    assertThat(Versions.compare("1.0", "1.0.0")).isZero();
    assertThat(Versions.compare("1.0.0", "1.0")).isZero();
    assertThat(Versions.compare("1", "1.0.0")).isZero();
    assertThat(Versions.compare("v1.0.0", "1.0.0")).isZero();
    assertThat(Versions.compare("v0.19.0", "0.19.0")).isZero();
  }

  @Test
  void preReleaseSortsBeforeItsReleaseAndPreReleasesWithEqualNumbersAreEqual() {
    assertThat(Versions.compare("1.0.0-rc1", "1.0.0")).isNegative();
    assertThat(Versions.compare("1.0.0", "1.0.0-rc1")).isPositive();
    assertThat(Versions.compare("1.0.0-rc1", "1.0.0-rc2")).isZero();
    assertThat(Versions.compare("1.0.1-SNAPSHOT", "1.0.0")).isPositive();
  }

  @Test
  void devBuildIsOlderThanEveryRelease() {
    assertThat(Versions.isNewer("0.0.1", "dev")).isTrue();
    assertThat(Versions.isNewer("v0.19.0", "0.19.0")).isFalse();
    assertThat(Versions.compare("1.x.0", "1.0.0")).isZero();
  }
}
