package io.github.dbclaude.cli;

import io.github.dbclaude.doctor.Doctor;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code databricks-claude doctor [--json] [--profile P] [--port N]}: the flags of {@link Doctor};
 * exit 1 when any check fails.
 */
final class DoctorCommand {
  private final Environment environment;
  private final Path managedSettings;

  DoctorCommand(Environment environment, Path managedSettings) {
    this.environment = environment;
    this.managedSettings = managedSettings;
  }

  static int run(List<String> args, Environment environment) throws UsageException {
    return new DoctorCommand(environment, Doctor.defaultManagedSettings(environment.platform()))
        .run(args);
  }

  int run(List<String> args) throws UsageException {
    boolean json = false;
    String profileFlag = "";
    int portFlag = 0;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--profile") && i + 1 < args.size()) {
        profileFlag = args.get(++i);
      } else if (a.startsWith("--profile=")) {
        profileFlag = a.substring("--profile=".length());
      } else if (a.equals("--port") && i + 1 < args.size()) {
        portFlag = port(args.get(++i));
      } else if (a.startsWith("--port=")) {
        portFlag = port(a.substring("--port=".length()));
      } else {
        throw new UsageException(
            "doctor: unknown argument "
                + a
                + " (usage: databricks-claude doctor [--json] [--profile P] [--port N])");
      }
    }
    return new Doctor(environment, UserFiles.of(environment, Log.discard()), managedSettings)
            .examine(profileFlag, portFlag, json)
        ? 0
        : 1;
  }

  private static int port(String text) throws UsageException {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException("doctor: --port needs a number from 1 to 65535, not " + text);
  }
}
