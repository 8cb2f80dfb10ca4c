package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
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
    System.exit(run(List.of(args), systemEnvironment()));
  }

  /**
   * Runs one invocation and returns its exit status. Dispatch follows {@link CommandTable}; the
   * credential-helper alias wins except for the words that never need a token (SPEC-v2 §1).
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

  private static Environment systemEnvironment() {
    Map<String, String> env = System.getenv();
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
        Clock.system(ZoneId.systemDefault()));
  }
}
