package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsFileTest {
  @TempDir Path home;

  private SettingsFile settings() {
    return new SettingsFile(home);
  }

  private Path write(String content) throws Exception {
    Path file = home.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void pathIsUnderDotClaude() {
    assertThat(settings().path()).isEqualTo(home.resolve(".claude/settings.json"));
  }

  @Test
  void missingFileReadsAsEmptyObject() throws Exception {
    assertThat(settings().read()).isEqualTo(new JsonObject());
  }

  @Test
  void editKeepsKeyOrderNumberTextUnicodeAndUnknownKeys() throws Exception {
    Path file =
        write(
            """
            {
              "zzz": {"nested": [1.50, 1e3, 12345678901234567890]},
              "env": {"MY_CUSTOM_VAR": "ünïcode ✓", "B": "<&>"},
              "aaa": true
            }
            """);
    settings().update(s -> s.ensureObject("env").put("NEW", "x"));
    assertThat(Files.readString(file))
        .isEqualTo(
            """
            {
              "zzz": {
                "nested": [
                  1.50,
                  1e3,
                  12345678901234567890
                ]
              },
              "env": {
                "MY_CUSTOM_VAR": "ünïcode ✓",
                "B": "<&>",
                "NEW": "x"
              },
              "aaa": true
            }
            """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad json", "null", "[1,2]", "\"s\"", "", "{\"a\":1} trailing"})
  void unparsableOrNonObjectFileIsAnErrorAndStaysByteIdentical(String content) throws Exception {
    Path file = write(content);
    assertThatThrownBy(() -> settings().read())
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("line 1, column ")
        .hasMessageEndingWith("— fix or delete it; nothing was changed")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> settings().update(s -> s.put("k", "v")))
        .isInstanceOf(UserFacingException.class);
    assertThat(Files.readString(file)).isEqualTo(content);
  }

  @Test
  void errorNamesLineAndColumn() throws Exception {
    write("{\n  \"a\": 1,\n  \"b\": \n");
    assertThatThrownBy(() -> settings().read())
        .hasMessageContaining("is not valid JSON (line 4, column 1: unexpected end of input)");
  }

  @Test
  void nullTopLevelIsNamed() throws Exception {
    write("\n  null\n");
    assertThatThrownBy(() -> settings().read())
        .hasMessageContaining("does not hold a JSON object (line 2, column 3: found null)");
  }

  @Test
  void invalidUtf8IsAnErrorNotSilentlyReplaced() throws Exception {
    Path file = home.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
    Files.write(file, bytes);
    assertThatThrownBy(() -> settings().update(s -> s.put("k", "v")))
        .hasMessageContaining("not valid UTF-8");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void noOpEditDoesNotRewriteAHandFormattedFile() throws Exception {
    Path file = write("{\"env\":{\"A\":\"1\"}}");
    boolean wrote = settings().update(s -> s.ensureObject("env").put("A", "1"));
    assertThat(wrote).isFalse();
    assertThat(Files.readString(file)).isEqualTo("{\"env\":{\"A\":\"1\"}}");
  }

  @Test
  void editThatLeavesAMissingFileEmptyDoesNotCreateIt() throws Exception {
    boolean wrote = settings().update(s -> s.remove("env"));
    assertThat(wrote).isFalse();
    assertThat(settings().path()).doesNotExist();
  }

  @Test
  void createsDirectory0700AndFile0600WithoutLeftoverTempFiles() throws Exception {
    assertThat(settings().update(s -> s.put("k", "v"))).isTrue();
    Path dir = home.resolve(".claude");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings().path())))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("settings.json", ".settings.json.lock");
    }
    assertThat(settings().path()).hasContent("{\n  \"k\": \"v\"\n}\n");
  }

  @Test
  void twentyConcurrentThreadsLoseNoEdit() throws Exception {
    write("{\"counter\": 0}");
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        String key = "K" + t;
        futures.add(
            pool.submit(
                () -> {
                  settings().update(s -> s.ensureObject("env").put(key, "v"));
                  settings().update(s -> s.put("counter", JsonNumber.of(counter(s) + 1)));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonObject result = settings().read();
    assertThat(result.object("env").orElseThrow().size()).isEqualTo(20);
    assertThat(counter(result)).isEqualTo(20);
  }

  private static long counter(JsonObject s) {
    return ((JsonNumber) s.get("counter").orElseThrow()).asLong();
  }

  @Test
  void twoProcessesUpdatingConcurrentlyLoseNoEdit() throws Exception {
    int perProcess = 25;
    try (ChildJvm a =
            ChildJvm.start(SettingsUpdaterMain.class, home.toString(), "A", "" + perProcess);
        ChildJvm b =
            ChildJvm.start(SettingsUpdaterMain.class, home.toString(), "B", "" + perProcess)) {
      assertThat(a.readLine(30)).isEqualTo("ready");
      assertThat(b.readLine(30)).isEqualTo("ready");
      for (int i = 0; i < perProcess; i++) {
        String key = "T" + i;
        settings().update(s -> s.ensureObject("env").put(key, "v"));
      }
      assertThat(a.waitFor(60)).isZero();
      assertThat(b.waitFor(60)).isZero();
    }
    JsonObject env = settings().read().object("env").orElseThrow();
    assertThat(env.size()).isEqualTo(3 * perProcess);
    assertThat(Json.parse(Files.readString(settings().path(), StandardCharsets.UTF_8)))
        .isInstanceOf(JsonObject.class);
  }

  @Test
  void aRewriteByAnotherProgramBetweenOurReadAndOurRenameIsKeptAndOurEditReapplied()
      throws Exception {
    Path file = write("{\"a\": 1}");
    List<String> seen = new ArrayList<>();

    boolean written =
        settings()
            .update(
                doc -> {
                  seen.add(Json.compact(doc));
                  if (seen.size() == 1) {
                    // Claude Code saves its own change, atomically, while we are editing.
                    rewriteAtomically(file, "{\"a\": 1, \"permissions\": {\"allow\": [\"Bash\"]}}");
                  }
                  doc.put("ours", JsonNumber.of(2));
                });

    assertThat(written).isTrue();
    assertThat(seen)
        .as("the edit ran again on the other program's version")
        .containsExactly("{\"a\":1}", "{\"a\":1,\"permissions\":{\"allow\":[\"Bash\"]}}");
    assertThat(Json.compact(Json.parse(Files.readString(file))))
        .isEqualTo("{\"a\":1,\"permissions\":{\"allow\":[\"Bash\"]},\"ours\":2}");
  }

  @Test
  void aFileThatNeverStopsChangingIsAnErrorAndKeepsTheOtherProgramsVersion() throws Exception {
    Path file = write("{\"n\": 0}");
    int[] n = {0};

    assertThatThrownBy(
            () ->
                settings()
                    .update(
                        doc -> {
                          n[0]++;
                          rewriteAtomically(file, "{\"n\": " + n[0] + "}");
                          doc.put("ours", JsonNumber.of(1));
                        }))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("was rewritten by another program");
    assertThat(Files.readString(file)).isEqualTo("{\"n\": " + n[0] + "}");
  }

  private static void rewriteAtomically(Path file, String content) {
    try {
      Path temp = file.resolveSibling(".other-program.tmp");
      Files.writeString(temp, content);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
