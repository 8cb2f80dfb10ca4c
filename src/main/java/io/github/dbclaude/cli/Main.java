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

/** Entry point: builds the {@link Environment}, dispatches, and is the only caller of exit. */
public final class Main {
  static final String HELPER_NAME = "databricks-claude-credential-helper";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), systemEnvironment()));
  }

  /** Runs one invocation and returns its exit status (SPEC §1 dispatch order). */
  static int run(List<String> args, Environment environment) {
    String first = args.isEmpty() ? "" : args.getFirst();
    try {
      if (first.equals("completion")) {
        return CompletionCommand.run(args.subList(1, args.size()), environment);
      }
      if (first.equals("update")) {
        return UpdateCommand.run(environment);
      }
      if (isCredentialHelperName(environment.invokedAs())) {
        return CredentialHelperCommand.run(args, environment);
      }
      if (first.equals("desktop")) {
        return DesktopCommand.run(args.subList(1, args.size()), environment);
      }
      if (first.equals("setup")) {
        return SetupCommand.run(args.subList(1, args.size()), environment);
      }
      if (first.equals("doctor")) {
        return DoctorCommand.run(args.subList(1, args.size()), environment);
      }
      if (first.equals("demo")) {
        return DemoCommand.run(args.subList(1, args.size()), environment);
      }
      return WrapperCommand.run(ArgParser.parse(args), environment);
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
