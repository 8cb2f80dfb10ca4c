package io.github.dbclaude.desktop;

import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.platform.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a generated file safely through {@link AtomicFile} (a 0600 temp file, then a rename), so
 * an admin never ships half a profile. Missing parent directories are created 0755 first: these
 * files are made to be handed on, unlike our private state, whose directories AtomicFile makes
 * 0700.
 */
final class ArtifactFile {
  private static final Set<PosixFilePermission> READABLE_DIRECTORY =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private ArtifactFile() {}

  static void write(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      createReadableDirectories(dir);
    }
    AtomicFile.write(target, content);
  }

  /** Creates missing directories up to {@code dir} with mode 0755 (the umask may remove bits). */
  static void createReadableDirectories(Path dir) throws IOException {
    Files.createDirectories(dir, PrivateFiles.attributes(dir, READABLE_DIRECTORY));
  }
}
