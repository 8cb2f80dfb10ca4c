package io.github.dbclaude.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedLogFileTest {
  @TempDir Path dir;

  @Test
  void aFileUpToTheCapStaysWhereItIs() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "12345");

    assertThat(CappedLogFile.rotateIfLarger(log, 5)).isFalse();

    assertThat(log).hasContent("12345");
    assertThat(CappedLogFile.rotated(log)).doesNotExist();
  }

  @Test
  void aFileOverTheCapBecomesTheOlderGenerationReplacingThePreviousOne() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "newer lines\n");
    Files.writeString(dir.resolve("a.log.1"), "oldest lines\n");

    assertThat(CappedLogFile.rotateIfLarger(log, 5)).isTrue();

    assertThat(log).doesNotExist();
    assertThat(dir.resolve("a.log.1")).hasContent("newer lines\n");
  }

  @Test
  void aMissingFileIsNothingToRotate() throws Exception {
    assertThat(CappedLogFile.rotateIfLarger(dir.resolve("none.log"), 0)).isFalse();
    assertThat(dir.resolve("none.log.1")).doesNotExist();
  }
}
