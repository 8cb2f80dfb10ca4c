package io.github.dbclaude.platform;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a command may read from the outside world, gathered once in the command line's {@code
 * Main} so no code below reads the real environment, home directory or clock by itself.
 *
 * @param env the process environment
 * @param home the user's home directory
 * @param tmpDir the directory for the refcount file and other per-machine scratch files
 * @param in standard input
 * @param out standard output
 * @param err standard error
 * @param invokedAs the name the launcher was invoked under (basename of argv[0])
 * @param launcher the absolute path of our own launcher, used to start a detached proxy
 * @param clock the wall clock
 * @param platform the operating system and whether a person is at the terminal
 */
public record Environment(
    Map<String, String> env,
    Path home,
    Path tmpDir,
    InputStream in,
    PrintStream out,
    PrintStream err,
    String invokedAs,
    Optional<Path> launcher,
    Clock clock,
    Platform platform) {

  /** As the canonical constructor, on this process's {@link Platform#current() platform}. */
  public Environment(
      Map<String, String> env,
      Path home,
      Path tmpDir,
      InputStream in,
      PrintStream out,
      PrintStream err,
      String invokedAs,
      Optional<Path> launcher,
      Clock clock) {
    this(env, home, tmpDir, in, out, err, invokedAs, launcher, clock, Platform.current());
  }

  /** The variable's value, empty when unset. */
  public String getenv(String name) {
    return env.getOrDefault(name, "");
  }
}
