package io.github.dbclaude.auth;

import io.github.dbclaude.config.CrossProcessLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Fetches a token from the Databricks CLI on every call; wrap it in {@link CachingTokenSource}.
 *
 * <p>With a lock directory, calls for one profile are serialised across every process of ours
 * (proxies, credential helper, setup): when a token lapses, the first caller lets the CLI refresh
 * it and the others then get the CLI's freshly cached token instead of refreshing again — several
 * refreshes racing on one refresh token can get the whole token family revoked.
 */
public final class CliTokenSource implements TokenSource {
  // Longer than the CLI's own 10 s timeout, so a waiting caller outlasts one hung holder.
  private static final Duration LOCK_WAIT = Duration.ofSeconds(25);
  private final DatabricksCli cli;
  private final String profile;
  private final Optional<Path> lockDir;

  public CliTokenSource(DatabricksCli cli, String profile) {
    this(cli, profile, Optional.empty());
  }

  public CliTokenSource(DatabricksCli cli, String profile, Optional<Path> lockDir) {
    this.cli = cli;
    this.profile = profile;
    this.lockDir = lockDir;
  }

  /** Where the per-profile locks live for a user: beside our other per-user files. */
  public static Path defaultLockDir(Path home) {
    return home.resolve(".cache/databricks-claude/locks");
  }

  @Override
  public Token token() throws IOException {
    if (lockDir.isEmpty()) {
      return cli.authToken(profile);
    }
    CrossProcessLock lock;
    try {
      Files.createDirectories(lockDir.get());
      lock = CrossProcessLock.acquire(lockFile(lockDir.get(), profile), LOCK_WAIT);
    } catch (IOException e) {
      // The lock only prevents racing refreshes; without it a token is still better than none.
      return cli.authToken(profile);
    }
    try (lock) {
      return cli.authToken(profile);
    }
  }

  static Path lockFile(Path dir, String profile) {
    String name =
        profile.matches("[A-Za-z0-9_.-]{1,64}")
            ? profile
            : HexFormat.of().formatHex(profile.getBytes(StandardCharsets.UTF_8));
    return dir.resolve("token-" + name + ".lock");
  }
}
