package io.github.dbclaude.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Owner-only permissions for the files and directories we create (0600 / 0700) where the file
 * system has POSIX permissions; elsewhere (Windows) they get the directory's defaults. The one
 * place that knows how, for the state, lock, log and usage files alike.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates missing directories up to {@code dir} with mode 0700; existing ones are untouched. */
  public static void createDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.addFirst(p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p, attributes(p, DIRECTORY));
        restrict(p, DIRECTORY); // the umask may have removed bits, never added them; be exact
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
  }

  /**
   * Creates {@code file} with mode 0600 (the umask can only remove bits).
   *
   * @throws FileAlreadyExistsException when it exists, so a caller racing another process can tell
   */
  public static Path createFile(Path file) throws IOException {
    return Files.createFile(file, attributes(file, FILE));
  }

  /** Sets the permissions where the file system knows POSIX permissions. */
  public static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (isPosix(path)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  /** {@code permissions} as creation attributes on a POSIX file system, else none. */
  public static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
