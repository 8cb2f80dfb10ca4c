package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import java.io.PrintStream;

/** Entry point: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("--version")) {
      out.println(BuildInfo.TOOL + " " + BuildInfo.version());
      return 0;
    }
    err.println("databricks-claude: not implemented yet");
    return 1;
  }
}
