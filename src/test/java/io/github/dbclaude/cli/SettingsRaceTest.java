package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: Claude Code rewrites settings.json itself (permissions, model choice) without
 * our lock. A write of ours must never put back a version from before such a rewrite. (Where files
 * cannot be swapped, the checked rename is tested deterministically in config/CheckedReplaceTest.)
 */
class SettingsRaceTest {
  private static final String COUNTER = "foreign_counter";
  @TempDir Path root;

  /**
   * Another program's writer: read, bump its counter, write a temp file and rename it over, every
   * ~2 ms — checking each time that the counter it wrote last is still there. When it is not, a
   * write of ours replaced the file with content read before that foreign write: a lost write.
   */
  private static final class ForeignWriter {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    private final Path file;

    ForeignWriter(Path file) {
      this.file = file;
    }

    void run() {
      long last = 0;
      while (!stop.get()) {
        try {
          JsonObject doc = read();
          long seen = doc.get(COUNTER).map(v -> ((JsonNumber) v).asLong()).orElse(0L);
          if (seen != last) {
            lost.incrementAndGet();
          }
          last++;
          doc.put(COUNTER, JsonNumber.of(last));
          Path temp = file.resolveSibling(".foreign-" + last + ".tmp");
          Files.writeString(temp, Json.pretty(doc));
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
          writes.incrementAndGet();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
    }

    private JsonObject read() throws Exception {
      try {
        return (JsonObject) Json.parse(Files.readString(file));
      } catch (NoSuchFileException e) {
        return new JsonObject();
      }
    }
  }

  @Test
  void tenInstallsAndUninstallsReplaceNoneOfAnotherProgramsWritesEvenEvery2MsOnLinux()
      throws Exception {
    assumeThat(System.getProperty("os.name"))
        .as("the atomic exchange is Linux's")
        .startsWith("Linux");
    TestHome home = TestHome.create(root);
    Files.createDirectories(home.settings().getParent());
    Files.writeString(home.settings(), "{}");
    ForeignWriter foreign = new ForeignWriter(home.settings());
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(foreign::run, r -> Thread.ofPlatform().start(r));
    try {
      // At least 10 install/uninstall pairs, and on until the other program wrote ~300 times
      // (how the issue measured it), however fast this machine is; bounded.
      for (int i = 0; i < 10 || (foreign.writes.get() < 300 && i < 500); i++) {
        for (String flag : List.of("--install-hooks", "--uninstall-hooks")) {
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          int status =
              Main.run(
                  List.of(flag), TestEnvironments.captured(home, new ByteArrayOutputStream(), err));
          assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
      }
    } finally {
      foreign.stop.set(true);
    }
    writer.get(30, TimeUnit.SECONDS);

    assertThat(foreign.writes.get()).as("the other program kept writing").isGreaterThan(10);
    // Before the exchange: 0-1 of ~300 lost on a quiet machine, up to 7 under load (the one stat
    // and rename between our check and our rename). With the atomic exchange no version of theirs
    // is ever replaced unseen: one we displace is inspected and put straight back
    // (config/CheckedReplace). What remains is the 20-50 us our file is visible before that
    // swap-back: a foreign read-modify-write that reads just then builds on our version. Measured:
    // 0 lost in 23 of 24 runs, 1 in one (load 2-7); so at most one, or this test would flake.
    assertThat(foreign.lost.get())
        .as("foreign writes lost of %d", foreign.writes.get())
        .isLessThanOrEqualTo(1);
  }
}
