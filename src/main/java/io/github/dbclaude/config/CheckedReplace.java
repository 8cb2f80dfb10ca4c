package io.github.dbclaude.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts staged content in a file's place only if the file is still the version that was read, so a
 * rewrite by a program that does not take our lock (Claude Code saving settings.json) is never
 * replaced by content edited from before it.
 *
 * <p>A check right before a plain rename leaves a window of one stat and one rename. Where the
 * system can swap two files' names in one step (Linux), the window is closed: our file is swapped
 * in, and the file it displaced — now at the temp path — is inspected. If it is not the file we
 * read, another program wrote in between: the swap is undone at once (its version back in place,
 * microseconds later) and the caller reads and edits again. No displaced file is deleted before it
 * is inspected.
 */
final class CheckedReplace {
  private final FileSwap swap;

  CheckedReplace(FileSwap swap) {
    this.swap = swap;
  }

  /**
   * Replaces {@code staged.destination()} by the staged content if it is still {@code read}'s
   * version; false (the file left as the other program wrote it) if it changed. Closing {@code
   * staged} afterwards deletes whatever is left at its temp path.
   */
  boolean replaceIfUnchanged(AtomicFile.Staged staged, FileVersion.Read read) throws IOException {
    Path file = staged.destination();
    Optional<FileVersion> ours = FileVersion.of(staged.temp());
    FileSwap.Pair pair = swap.pair(staged.temp(), file);
    // Everything slow is done: from the check on, only system calls.
    if (!read.current(file)) {
      return false;
    }
    FileSwap.Outcome outcome =
        read.version().isEmpty() ? pair.moveIfAbsent() : swapIn(pair, staged, read, ours);
    return switch (outcome) {
      case DONE -> true;
      case TARGET_CHANGED -> false;
      case UNSUPPORTED -> checkAndRename(staged, read);
    };
  }

  /**
   * Swaps our file in; if what it displaced is not the file read, swaps back (see the class
   * comment) and answers {@code TARGET_CHANGED}.
   */
  private static FileSwap.Outcome swapIn(
      FileSwap.Pair pair,
      AtomicFile.Staged staged,
      FileVersion.Read read,
      Optional<FileVersion> ours)
      throws IOException {
    FileSwap.Outcome outcome = pair.exchange();
    if (outcome != FileSwap.Outcome.DONE || FileVersion.of(staged.temp()).equals(read.version())) {
      return outcome; // the displaced file is the one read (held open: no other file has its key)
    }
    swapBack(pair, staged, ours);
    return FileSwap.Outcome.TARGET_CHANGED;
  }

  /**
   * Puts the other program's version back. If yet another write replaced ours in the microseconds
   * in between, that newer version came back to the temp path instead of ours: one more swap puts
   * it in place, and the temp path is left holding the older version its own program replaced.
   */
  private static void swapBack(
      FileSwap.Pair pair, AtomicFile.Staged staged, Optional<FileVersion> ours) throws IOException {
    if (pair.exchange() != FileSwap.Outcome.DONE) {
      // The file vanished in between: keep the other program's version beside it, not deleted.
      Path kept = staged.temp().resolveSibling(staged.destination().getFileName() + ".kept");
      Files.move(staged.temp(), kept, StandardCopyOption.REPLACE_EXISTING);
      throw new IOException(
          staged.destination() + " was deleted while we replaced it; its last version is " + kept);
    }
    if (!sameFile(FileVersion.of(staged.temp()), ours)) {
      pair.exchange();
    }
  }

  private static boolean sameFile(Optional<FileVersion> a, Optional<FileVersion> b) {
    return a.isPresent()
        && b.isPresent()
        && a.get().key() != null
        && Objects.equals(a.get().key(), b.get().key());
  }

  /** Where files cannot be swapped: the check and the rename back to back, the only window left. */
  private static boolean checkAndRename(AtomicFile.Staged staged, FileVersion.Read read)
      throws IOException {
    if (!read.current(staged.destination())) {
      return false;
    }
    staged.commit();
    return true;
  }
}
