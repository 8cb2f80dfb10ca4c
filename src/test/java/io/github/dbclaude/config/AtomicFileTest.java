package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createsMissingDirectories0700AndFile0600WithoutLeftoverTempFiles() throws Exception {
    Path target = dir.resolve("new/sub/f.json");
    AtomicFile.write(target, "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(target).hasContent("hello");
    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("new"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("new/sub"))).isEqualTo("rwx------");
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void replacesContentAndTightensAnExistingLooseFile() throws Exception {
    Path target = dir.resolve("f.json");
    Files.writeString(target, "old content that is longer");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(target).hasContent("new");
    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void leavesAnExistingDirectoryModeAlone() throws Exception {
    Path existing = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    AtomicFile.write(existing.resolve("f"), new byte[] {1});
    assertThat(mode(existing)).isEqualTo("rwxr-xr-x");
  }

  @Test
  void writesThroughASymbolicLinkInsteadOfReplacingIt() throws Exception {
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    AtomicFile.write(link, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(real).hasContent("new");
  }
}
