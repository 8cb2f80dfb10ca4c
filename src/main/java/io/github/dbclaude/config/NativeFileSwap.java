package io.github.dbclaude.config;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@link FileSwap} by Linux's {@code renameat2(2)} through the foreign function API. The C library
 * is looked up when the first file is written, not at start-up (linking costs tens of milliseconds,
 * and most runs write nothing); where it has no {@code renameat2} (macOS, Windows, other C
 * libraries) every call is {@link Outcome#UNSUPPORTED}, as it is on kernels and file systems
 * without the flags.
 */
final class NativeFileSwap implements FileSwap {
  static final NativeFileSwap INSTANCE = new NativeFileSwap();

  private static final int AT_FDCWD = -100;
  private static final int RENAME_NOREPLACE = 1;
  private static final int RENAME_EXCHANGE = 2;
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int EEXIST = 17;
  private static final int EINVAL = 22;
  private static final int ENOSYS = 38;
  private static final int EOPNOTSUPP = 95;

  private NativeFileSwap() {}

  @Override
  public Pair pair(Path temp, Path target) {
    Optional<Linked> linked = Linked.RENAMEAT2;
    return linked.isPresent()
        ? linked.get().pair(temp.toAbsolutePath(), target.toAbsolutePath())
        : NoSwaps.PAIR;
  }

  /** The linked function; a nested class so nothing is linked before the first write. */
  private record Linked(MethodHandle handle, StructLayout state, VarHandle errno) {
    static final Optional<Linked> RENAMEAT2 = link();

    @SuppressWarnings("restricted") // allowed by the launcher's --enable-native-access
    private static Optional<Linked> link() {
      try {
        Linker linker = Linker.nativeLinker();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        FunctionDescriptor signature =
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
        return linker
            .defaultLookup()
            .find("renameat2")
            .map(
                address ->
                    linker.downcallHandle(
                        address, signature, Linker.Option.captureCallState("errno")))
            .map(handle -> new Linked(handle, state, errno));
      } catch (UnsupportedOperationException | IllegalCallerException e) {
        // No native linker on this platform, or native access denied
        // (--illegal-native-access=deny).
        return Optional.empty();
      }
    }

    Pair pair(Path temp, Path target) {
      // Paths reach the kernel in the encoding the JVM itself uses for file names.
      Charset names = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
      // Freed with the pair by the garbage collector: a few bytes, once per write.
      Arena arena = Arena.ofAuto();
      return new NativePair(
          this,
          arena.allocate(state),
          arena.allocateFrom(temp.toString(), names),
          arena.allocateFrom(target.toString(), names),
          temp,
          target);
    }
  }

  /** The two paths as C strings, and room for the errno a call leaves. */
  private record NativePair(
      Linked linked,
      MemorySegment captured,
      MemorySegment temp,
      MemorySegment target,
      Path tempPath,
      Path targetPath)
      implements Pair {
    @Override
    public Outcome exchange() throws IOException {
      return call(RENAME_EXCHANGE);
    }

    @Override
    public Outcome moveIfAbsent() throws IOException {
      return call(RENAME_NOREPLACE);
    }

    private Outcome call(int flags) throws IOException {
      int result;
      try {
        result =
            (int) linked.handle().invokeExact(captured, AT_FDCWD, temp, AT_FDCWD, target, flags);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IOException("renameat2 failed", e);
      }
      int errno = result == 0 ? 0 : (int) linked.errno().get(captured, 0L);
      return switch (errno) {
        case 0 -> Outcome.DONE;
        case ENOENT, EEXIST -> Outcome.TARGET_CHANGED;
        // ENOSYS: kernel before 3.15; EINVAL/EOPNOTSUPP: a file system without the flag; EPERM: a
        // seccomp filter forbidding the call. A plain rename reports real permission problems.
        case ENOSYS, EINVAL, EOPNOTSUPP, EPERM -> Outcome.UNSUPPORTED;
        default ->
            throw new FileSystemException(
                tempPath.toString(),
                targetPath.toString(),
                "renameat2 failed (errno " + errno + ")");
      };
    }
  }
}
