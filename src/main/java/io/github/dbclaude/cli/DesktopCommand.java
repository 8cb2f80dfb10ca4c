package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code databricks-claude desktop <action>}: dispatches the Claude Desktop actions (SPEC 11.4).
 */
final class DesktopCommand {
  static final String USAGE =
      """
      Usage: databricks-claude desktop <action> [flags]

      Actions:
        generate-config          write Claude Desktop's managed configuration for this workspace
                                 (.mobileconfig for macOS, .reg for Windows, .json for developer mode)
            --profile <name>           Databricks CLI profile (default: saved profile, else DEFAULT)
            --output <file>            one file; the format follows the suffix
                                       (default: all three formats in the current directory)
            --binary-path <path>       credential helper path written into the config
            --databricks-cli-path <p>  pin an absolute path to the databricks CLI (saved)
            --for-pkg                  point at /usr/local/bin (macOS .pkg installs)
        generate-trust-profile   write a .mobileconfig that trusts a code-signing certificate
            --cert <pem>               the certificate (required)
            --output <file>            default dist/databricks-claude-trust.mobileconfig
        credential-helper        print a fresh Databricks token for Claude Desktop
            --profile <name>           Databricks CLI profile
      """;

  private DesktopCommand() {}

  static int run(List<String> args, Environment environment) throws UserFacingException {
    if (args.isEmpty()) {
      environment.err().print(USAGE);
      return 2;
    }
    String action = args.getFirst();
    List<String> rest = args.subList(1, args.size());
    return switch (action) {
      case "-h", "--help" -> {
        environment.err().print(USAGE);
        yield 0;
      }
      case "credential-helper" -> CredentialHelperCommand.run(rest, environment);
      case "generate-config" ->
          DesktopConfigCommand.run(
              rest, environment, Path.of("").toAbsolutePath(), UUID::randomUUID);
      case "generate-trust-profile" ->
          TrustProfileCommand.run(
              rest, environment, Path.of("").toAbsolutePath(), UUID::randomUUID);
      default -> {
        environment.err().println("databricks-claude: unknown desktop action \"" + action + "\"");
        environment.err().println();
        environment.err().print(USAGE);
        yield 1;
      }
    };
  }
}
