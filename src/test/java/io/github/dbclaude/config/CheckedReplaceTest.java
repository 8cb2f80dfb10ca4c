package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: with Linux's atomic exchange, a rewrite by another program at any moment of our
 * write is kept — even between the last check and the rename — and where the system cannot swap,
 * the plain rename still works.
 */
class CheckedReplaceTest {
  @TempDir Path home;

  private Path settingsFile() throws IOException {
    Path file = home.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    return file;
  }

  private static void assumeLinuxSwap() {
    assumeThat(System.getProperty("os.name")).as("renameat2 is Linux's").startsWith("Linux");
  }

  @Test
  void swapsTwoFilesNamesOnLinux() throws Exception {
    assumeLinuxSwap();
    Path a = Files.writeString(home.resolve("a"), "A");
    Path b = Files.writeString(home.resolve("b"), "B");

    assertThat(NativeFileSwap.INSTANCE.pair(a, b).exchange()).isEqualTo(FileSwap.Outcome.DONE);

    assertThat(a).hasContent("B");
    assertThat(b).hasContent("A");
  }

  @Test
  void swappingWithAMissingFileOrMovingOntoAnExistingOneChangesNothing() throws Exception {
    assumeLinuxSwap();
    Path a = Files.writeString(home.resolve("a"), "A");
    Path b = Files.writeString(home.resolve("b"), "B");

    assertThat(NativeFileSwap.INSTANCE.pair(a, home.resolve("missing")).exchange())
        .isEqualTo(FileSwap.Outcome.TARGET_CHANGED);
    assertThat(NativeFileSwap.INSTANCE.pair(a, b).moveIfAbsent())
        .isEqualTo(FileSwap.Outcome.TARGET_CHANGED);

    assertThat(a).hasContent("A");
    assertThat(b).hasContent("B");
  }

  @Test
  void aRewriteBetweenTheLastCheckAndTheSwapIsPutBackAndOurEditReapplied() throws Exception {
    assumeLinuxSwap();
    Path file = Files.writeString(settingsFile(), "{\"a\": 1}");
    RecordingFileSwap swap =
        rewritingBeforeFirstCall(file, "{\"a\": 1, \"permissions\": {\"allow\": [\"Bash\"]}}");
    List<String> seen = new ArrayList<>();

    boolean written =
        new SettingsFile(home, new CheckedReplace(swap))
            .update(
                doc -> {
                  seen.add(Json.compact(doc));
                  doc.put("ours", JsonNumber.of(2));
                });

    assertThat(written).isTrue();
    assertThat(swap.calls)
        .as("swapped in, saw the other version, swapped back, then again on the new version")
        .containsExactly("exchange", "exchange", "exchange");
    assertThat(seen)
        .containsExactly("{\"a\":1}", "{\"a\":1,\"permissions\":{\"allow\":[\"Bash\"]}}");
    assertThat(Json.compact(Json.parse(Files.readString(file))))
        .isEqualTo("{\"a\":1,\"permissions\":{\"allow\":[\"Bash\"]},\"ours\":2}");
    assertThat(filesIn(file.getParent())).containsExactly(".settings.json.lock", "settings.json");
  }

  @Test
  void aSecondRewriteWhileSwappingBackIsKeptOverTheFirst() throws Exception {
    assumeLinuxSwap();
    Path file = Files.writeString(settingsFile(), "{\"n\": 0}");
    RecordingFileSwap swap =
        RecordingFileSwap.interfering(
            call -> {
              if (call <= 2) {
                rewriteAtomically(file, "{\"n\": " + call + "}");
              }
            });

    new SettingsFile(home, new CheckedReplace(swap))
        .update(doc -> doc.put("ours", JsonNumber.of(1)));

    assertThat(Json.compact(Json.parse(Files.readString(file)))).isEqualTo("{\"n\":2,\"ours\":1}");
    assertThat(filesIn(file.getParent())).containsExactly(".settings.json.lock", "settings.json");
  }

  @Test
  void aFileCreatedBetweenOurReadOfNothingAndOurMoveIsKept() throws Exception {
    assumeLinuxSwap();
    Path file = settingsFile();
    RecordingFileSwap swap = rewritingBeforeFirstCall(file, "{\"model\": \"opus\"}");

    new SettingsFile(home, new CheckedReplace(swap))
        .update(doc -> doc.put("ours", JsonNumber.of(1)));

    assertThat(swap.calls).containsExactly("moveIfAbsent", "exchange");
    assertThat(Json.compact(Json.parse(Files.readString(file))))
        .isEqualTo("{\"model\":\"opus\",\"ours\":1}");
  }

  @Test
  void withoutSwapsTheCheckedRenameStillWritesAndKeepsARewriteSeenByTheCheck() throws Exception {
    Path file = Files.writeString(settingsFile(), "{\"a\": 1}");
    RecordingFileSwap swap = RecordingFileSwap.unsupported();
    List<String> seen = new ArrayList<>();

    new SettingsFile(home, new CheckedReplace(swap))
        .update(
            doc -> {
              seen.add(Json.compact(doc));
              if (seen.size() == 1) {
                try {
                  rewriteAtomically(file, "{\"a\": 1, \"model\": \"opus\"}");
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              doc.put("ours", JsonNumber.of(2));
            });

    assertThat(swap.calls).containsExactly("exchange");
    assertThat(Json.compact(Json.parse(Files.readString(file))))
        .isEqualTo("{\"a\":1,\"model\":\"opus\",\"ours\":2}");
    assertThat(filesIn(file.getParent())).containsExactly(".settings.json.lock", "settings.json");
  }

  @Test
  void withoutSwapsAMissingFileIsCreated() throws Exception {
    Path file = settingsFile();

    new SettingsFile(home, new CheckedReplace(RecordingFileSwap.unsupported()))
        .update(doc -> doc.put("ours", JsonNumber.of(1)));

    assertThat(Json.compact(Json.parse(Files.readString(file)))).isEqualTo("{\"ours\":1}");
  }

  /** Another program rewrites {@code file} right before the first swap reaches the system. */
  private static RecordingFileSwap rewritingBeforeFirstCall(Path file, String content) {
    return RecordingFileSwap.interfering(
        call -> {
          if (call == 1) {
            rewriteAtomically(file, content);
          }
        });
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void rewriteAtomically(Path file, String content) throws IOException {
    Path temp = file.resolveSibling(".other-program.tmp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
