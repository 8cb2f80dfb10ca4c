package io.github.dbclaude.cli;

import io.github.dbclaude.doctor.Doctor;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.nio.file.Path;

/**
 * {@code databricks-claude doctor [--json] [--fix] [--profile P] [--port N]}: the flags of {@link
 * Doctor}; exit 1 when any check fails.
 */
final class DoctorCommand {
  private DoctorCommand() {}

  static int run(Invocation call) {
    return run(call, Doctor.defaultManagedSettings(call.environment().platform()));
  }

  /** As {@link #run(Invocation)}, reading Claude Code's enterprise settings at {@code managed}. */
  static int run(Invocation call, Path managed) {
    Environment environment = call.environment();
    Doctor doctor = new Doctor(environment, UserFiles.of(environment, Log.discard()), managed);
    boolean fix = CommandLine.isOn(call, "fix");
    if (fix) {
      doctor.fixHooks();
      doctor.fixStaleProxyKeys();
    }
    return doctor.examine(
            call.options().profile, call.options().port, CommandLine.isOn(call, "json"), fix)
        ? 0
        : 1;
  }
}
