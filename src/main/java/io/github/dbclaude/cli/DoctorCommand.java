package io.github.dbclaude.cli;

import io.github.dbclaude.doctor.Doctor;
import io.github.dbclaude.platform.Environment;

/**
 * {@code databricks-claude doctor [--json] [--fix] [--profile P] [--port N]}: the flags of {@link
 * Doctor}; exit 1 when any check fails.
 */
final class DoctorCommand {
  private DoctorCommand() {}

  static int run(Invocation call) {
    Environment environment = call.environment();
    Doctor doctor = new Doctor(environment, Doctor.defaultManagedSettings());
    if (CommandLine.isOn(call, "fix")) {
      doctor.fixHooks();
    }
    return doctor.examine(
            call.options().profile, call.options().port, CommandLine.isOn(call, "json"))
        ? 0
        : 1;
  }
}
