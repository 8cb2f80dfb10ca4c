package io.github.dbclaude.auth;

import io.github.dbclaude.platform.PathLookup;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@code databricks} executable as the original did: explicit paths as given, then {@code
 * $DATABRICKS_CLI}, then PATH, then the usual install directories, else the bare name.
 */
public final class CliLocator {
  static final String DEFAULT_NAME = "databricks";
  private static final Set<PosixFilePermission> EXECUTE_BITS =
      Set.of(
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Map<String, String> env;
  private final List<Path> probeDirs;

  public CliLocator(Map<String, String> env, Path home) {
    this(env, defaultProbeDirs(home));
  }

  /** Uses {@code probeDirs} instead of the standard install directories (tests, packagers). */
  public CliLocator(Map<String, String> env, List<Path> probeDirs) {
    this.env = Map.copyOf(env);
    this.probeDirs = List.copyOf(probeDirs);
  }

  /** The directories probed after PATH, in order. */
  public static List<Path> defaultProbeDirs(Path home) {
    return List.of(
        Path.of("/usr/local/bin"),
        Path.of("/opt/homebrew/bin"),
        Path.of("/opt/homebrew/sbin"),
        home.resolve(".local/bin"),
        home.resolve("go/bin"),
        home.resolve("bin"));
  }

  /** Resolves {@code nameOrPath} (empty or null means {@code databricks}). */
  public String locate(String nameOrPath) {
    String name = nameOrPath == null || nameOrPath.isEmpty() ? DEFAULT_NAME : nameOrPath;
    if (isExplicitPath(name)) {
      return name;
    }
    String fromEnv = env.getOrDefault("DATABRICKS_CLI", "");
    if (!fromEnv.isEmpty() && isExecutable(Path.of(fromEnv))) {
      return fromEnv;
    }
    Optional<Path> onPath = PathLookup.find(name, env.get("PATH"));
    if (onPath.isPresent()) {
      return onPath.get().toString();
    }
    for (Path dir : probeDirs) {
      Path candidate = dir.resolve(name);
      if (isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return name;
  }

  private static boolean isExplicitPath(String name) {
    return name.contains("/") || name.contains(File.separator) || Path.of(name).isAbsolute();
  }

  /** True for an existing regular (non-directory) file with any execute bit. */
  static boolean isExecutable(Path p) {
    if (!Files.isRegularFile(p)) {
      return false;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      return perms.stream().anyMatch(EXECUTE_BITS::contains);
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isExecutable(p);
    }
  }
}
