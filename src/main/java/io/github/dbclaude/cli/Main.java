package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.SystemClock;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Entry point: builds the {@link Environment}, dispatches, and is the only caller of exit. */
public final class Main {
  static final String HELPER_NAME = "databricks-claude-credential-helper";
  private static final Set<String> BEFORE_HELPER = Set.of("completion", "update", "serve");

  private Main() {}

  public static void main(String[] args) {
    Environment environment;
    try {
      environment = systemEnvironment();
    } catch (InvalidPathException e) {
      // Only a locale whose charset cannot hold the path gets here (the launcher runs the JVM
      // under a UTF-8 locale in place of C/POSIX); ASCII only, as that charset may be all it has.
      System.err.println(
          "databricks-claude: HOME or TMPDIR is not a valid path in this locale ("
              + e.getMessage()
              + "): run with a UTF-8 locale, for example LC_ALL=C.UTF-8");
      System.exit(1);
      return;
    }
    int status = run(List.of(args), environment);
    if (status == 0 && !otherThreadsKeepRunning()) {
      // Returning ends the JVM just as exit(0) would, without Runtime.exit's logger look-up, which
      // opens the jar to scan it for logging services: about 5 ms of every short command.
      return;
    }
    System.exit(status);
  }

  private static boolean otherThreadsKeepRunning() {
    Thread self = Thread.currentThread();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread != self && thread.isAlive() && !thread.isDaemon()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs one invocation and returns its exit status. Dispatch follows {@link CommandTable}; the
   * credential-helper alias wins except for the words that never need a token.
   */
  static int run(List<String> args, Environment environment) {
    String first = args.isEmpty() ? "" : args.getFirst();
    try {
      if (isCredentialHelperName(environment.invokedAs()) && !BEFORE_HELPER.contains(first)) {
        return CredentialHelperCommand.run(args, environment);
      }
      return CommandLine.run(args, environment);
    } catch (UsageException e) {
      environment.err().println("databricks-claude: " + e.getMessage());
      return 2;
    } catch (UserFacingException e) {
      environment.err().println("databricks-claude: " + e.getMessage());
      return 1;
    }
  }

  static boolean isCredentialHelperName(String invokedAs) {
    String name = invokedAs;
    if (name.toLowerCase(Locale.ROOT).endsWith(".exe")) {
      name = name.substring(0, name.length() - 4);
    } else if (name.toLowerCase(Locale.ROOT).endsWith(".cmd")) {
      name = name.substring(0, name.length() - 4);
    }
    return name.equals(HELPER_NAME);
  }

  /**
   * The environment the user started us with: the launcher may have set LC_ALL for the JVM alone
   * (see bin/databricks-claude), handing the user's own value over in {@code userLcAll} (empty:
   * unset) so every process we start sees the user's locale, not ours.
   */
  static Map<String, String> userEnvironment(Map<String, String> jvmEnv, String userLcAll) {
    if (userLcAll == null) {
      return jvmEnv;
    }
    Map<String, String> env = new HashMap<>(jvmEnv);
    if (userLcAll.isEmpty()) {
      env.remove("LC_ALL");
    } else {
      env.put("LC_ALL", userLcAll);
    }
    return Collections.unmodifiableMap(env);
  }

  private static Environment systemEnvironment() {
    Map<String, String> env =
        userEnvironment(System.getenv(), System.getProperty("databricks.claude.userLcAll"));
    String tmp = env.getOrDefault("TMPDIR", "");
    String launcher = System.getProperty("databricks.claude.launcher", "");
    return new Environment(
        env,
        // $HOME first, as Go's os.UserHomeDir does; Java's user.home ignores it on Linux.
        Path.of(
            env.getOrDefault("HOME", "").isEmpty()
                ? System.getProperty("user.home")
                : env.get("HOME")),
        Path.of(tmp.isEmpty() ? System.getProperty("java.io.tmpdir") : tmp),
        System.in,
        System.out,
        System.err,
        System.getProperty("databricks.claude.argv0", BuildInfo.TOOL),
        launcher.isEmpty() ? Optional.empty() : Optional.of(Path.of(launcher)),
        new SystemClock());
  }
}
