package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefcountFileTest {
  @TempDir Path tmp;

  @Test
  void writesTheCountInTheOriginalsFormatWithOwnerOnlyPermissions() throws Exception {
    RefcountFile file = RefcountFile.forPort(tmp, 49153);

    assertThat(file.acquire()).isEqualTo(1);
    assertThat(file.acquire()).isEqualTo(2);

    Path path = tmp.resolve(".databricks-claude-sessions-49153");
    assertThat(Files.readString(path)).isEqualTo("{\n  \"count\": 2\n}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
  }

  @Test
  void releaseNeverGoesBelowZero() throws Exception {
    RefcountFile file = RefcountFile.forPort(tmp, 1);
    file.acquire();

    assertThat(file.release()).isZero();
    assertThat(file.release()).isZero();
  }

  @Test
  void unreadableContentCountsAsZero() throws Exception {
    Path path = tmp.resolve(".databricks-claude-sessions-2");
    Files.writeString(path, "garbage{");

    assertThat(new RefcountFile(path).acquire()).isEqualTo(1);
    assertThat(Files.readString(path)).isEqualTo("{\n  \"count\": 1\n}\n");
  }

  @Test
  void racingSessionsLoseNoUpdate() throws Exception {
    RefcountFile file = RefcountFile.forPort(tmp, 3);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      tasks.add(file::acquire);
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        f.get();
      }
    }
    assertThat(file.read()).isEqualTo(40);
  }
}
