package io.github.dbclaude.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares generated text with a golden file; {@code -Dgolden.update=true} rewrites the file. */
public final class GoldenFile {
  private GoldenFile() {}

  /** Asserts that {@code actual}, decoded with {@code charset}, equals the golden file's text. */
  public static void assertMatches(Path file, byte[] actual, Charset charset) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.write(file, actual);
    }
    assertThat(new String(actual, charset)).isEqualTo(Files.readString(file, charset));
  }
}
