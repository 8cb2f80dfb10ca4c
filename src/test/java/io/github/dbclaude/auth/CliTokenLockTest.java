package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token fetches for one profile never run the CLI concurrently (issue 8: one refresh at a time).
 */
class CliTokenLockTest {
  @TempDir Path dir;

  /** A CLI that notices when a second call starts while one is still running. */
  private Path overlapDetectingCli() throws Exception {
    Path script = dir.resolve("databricks");
    Files.writeString(
        script,
        """
        #!/bin/sh
        d=$(cd "$(dirname "$0")" && /usr/bin/pwd)
        if ! /bin/mkdir "$d/inflight" 2>/dev/null; then echo overlap >> "$d/overlaps"; fi
        echo call >> "$d/calls"
        /bin/sleep 0.3
        /bin/rmdir "$d/inflight" 2>/dev/null
        printf '{"access_token":"t","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}\\n'
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private List<Callable<Token>> fetchers(Path cli, Optional<Path> lockDir, int n) {
    List<Callable<Token>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DatabricksCli databricks =
          new DatabricksCli(cli.toString(), Map.of("PATH", "/usr/bin:/bin"), Log.discard());
      CliTokenSource source =
          new CliTokenSource(
              databricks,
              "prod",
              lockDir,
              new CliVersionLookup(
                  new StateFile(dir.resolve("home"), Log.discard()), Log.discard()),
              InstantSource.system(),
              Log.discard());
      tasks.add(source::token);
    }
    return tasks;
  }

  @Test
  void fetchesForOneProfileWaitForEachOther() throws Exception {
    Path cli = overlapDetectingCli();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<Token> f : pool.invokeAll(fetchers(cli, Optional.of(dir.resolve("locks")), 4))) {
        assertThat(f.get().value()).isEqualTo("t");
      }
    }
    assertThat(Files.readAllLines(dir.resolve("calls"))).hasSize(4);
    assertThat(dir.resolve("overlaps")).doesNotExist();
  }

  @Test
  void withoutTheLockTheDetectorDoesSeeOverlaps() throws Exception {
    Path cli = overlapDetectingCli();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<Token> f : pool.invokeAll(fetchers(cli, Optional.empty(), 4))) {
        f.get();
      }
    }
    assertThat(dir.resolve("overlaps")).exists();
  }

  /** A CLI with the real CLI's token cache: only a call that finds no cached token refreshes. */
  private Path cachingCli() throws Exception {
    Path script = dir.resolve("databricks");
    Files.writeString(
        script,
        """
        #!/bin/sh
        d=$(cd "$(dirname "$0")" && /usr/bin/pwd)
        if [ ! -f "$d/cache" ]; then
          /bin/sleep 0.3
          echo refresh >> "$d/refreshes"
          echo fresh > "$d/cache"
        fi
        printf '{"access_token":"t","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}\\n'
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void callersRacingOnALapsedTokenCauseOneRefresh() throws Exception {
    Path cli = cachingCli();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<Token> f : pool.invokeAll(fetchers(cli, Optional.of(dir.resolve("locks")), 4))) {
        f.get();
      }
    }
    assertThat(Files.readAllLines(dir.resolve("refreshes"))).hasSize(1);
  }

  @Test
  void anUnusableLockDirectoryDoesNotStopTheFetch() throws Exception {
    Path cli = overlapDetectingCli();
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");

    assertThat(
            fetchers(cli, Optional.of(notADirectory.resolve("locks")), 1).getFirst().call().value())
        .isEqualTo("t");
  }

  @Test
  void oddProfileNamesMakeSafeLockFileNames() {
    assertThat(CliTokenSource.lockFile(dir, "../x").getParent()).isEqualTo(dir);
    assertThat(CliTokenSource.lockFile(dir, "DEFAULT").getFileName().toString())
        .isEqualTo("token-DEFAULT.lock");
  }
}
