package io.github.dbclaude.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FileSwap} that records its calls and runs a test's action right before a chosen call
 * reaches the real one (another program writing at the worst moment), or answers {@code
 * UNSUPPORTED} to every call like a system without {@code renameat2}.
 */
final class RecordingFileSwap implements FileSwap {
  /** What runs before the call with the given number (1 = the first). */
  interface Interference {
    void before(int call) throws IOException;
  }

  final List<String> calls = new ArrayList<>();
  private final FileSwap real;
  private final Interference interference;

  private RecordingFileSwap(FileSwap real, Interference interference) {
    this.real = real;
    this.interference = interference;
  }

  /** The system's swap, with {@code interference} before each call. */
  static RecordingFileSwap interfering(Interference interference) {
    return new RecordingFileSwap(NativeFileSwap.INSTANCE, interference);
  }

  /** A system that cannot swap: the caller must fall back to a plain rename. */
  static RecordingFileSwap unsupported() {
    return new RecordingFileSwap(FileSwap.NONE, call -> {});
  }

  @Override
  public Pair pair(Path temp, Path target) throws IOException {
    Pair pair = real.pair(temp, target);
    return new Pair() {
      @Override
      public Outcome exchange() throws IOException {
        calls.add("exchange");
        interference.before(calls.size());
        return pair.exchange();
      }

      @Override
      public Outcome moveIfAbsent() throws IOException {
        calls.add("moveIfAbsent");
        interference.before(calls.size());
        return pair.moveIfAbsent();
      }
    };
  }
}
