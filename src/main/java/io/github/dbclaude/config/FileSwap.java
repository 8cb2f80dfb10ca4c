package io.github.dbclaude.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Renames that leave nothing behind unseen: swapping two files' names in one step, or moving a file
 * only where none exists. Linux has both ({@code renameat2}, see {@link NativeFileSwap}); elsewhere
 * every call answers {@link Outcome#UNSUPPORTED} and the caller falls back to a plain rename.
 */
interface FileSwap {
  /** What a call did. */
  enum Outcome {
    /** Done. */
    DONE,
    /** Nothing done: the target was not as required (missing for a swap, present for a move). */
    TARGET_CHANGED,
    /** Nothing done: this system or file system cannot (use a plain rename instead). */
    UNSUPPORTED
  }

  /** A system that cannot swap files: every call answers {@link Outcome#UNSUPPORTED}. */
  FileSwap NONE = (temp, target) -> NoSwaps.PAIR;

  /**
   * A temp file and its target made ready for calls, so that each call is one system call and
   * nothing slow (linking, converting paths) sits between a caller's last check and its rename.
   */
  Pair pair(Path temp, Path target) throws IOException;

  /** Calls on one temp file and its target. */
  interface Pair {
    /** Atomically swaps the names of the two files (both must exist). */
    Outcome exchange() throws IOException;

    /** Atomically renames the temp file to the target if nothing exists there. */
    Outcome moveIfAbsent() throws IOException;
  }

  /** The pair of {@link #NONE}. */
  enum NoSwaps implements Pair {
    PAIR;

    @Override
    public Outcome exchange() {
      return Outcome.UNSUPPORTED;
    }

    @Override
    public Outcome moveIfAbsent() {
      return Outcome.UNSUPPORTED;
    }
  }
}
