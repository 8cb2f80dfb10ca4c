package io.github.dbclaude.doctor;

import io.github.dbclaude.json.JsonObject;
import java.util.Locale;

/**
 * One line of the {@code doctor} report: what was checked, how it went, and the fix when it is not
 * fine. Never holds a secret.
 */
record DoctorFinding(String check, Status status, String detail, String fix) {
  enum Status {
    OK,
    WARN,
    FAIL
  }

  static DoctorFinding ok(String check, String detail) {
    return new DoctorFinding(check, Status.OK, detail, "");
  }

  static DoctorFinding warn(String check, String detail, String fix) {
    return new DoctorFinding(check, Status.WARN, detail, fix);
  }

  static DoctorFinding fail(String check, String detail, String fix) {
    return new DoctorFinding(check, Status.FAIL, detail, fix);
  }

  String line() {
    String label =
        switch (status) {
          case OK -> "ok  ";
          case WARN -> "warn";
          case FAIL -> "FAIL";
        };
    return "  "
        + label
        + "  "
        + String.format("%-10s", check)
        + " "
        + detail
        + (fix.isEmpty() ? "" : " — fix: " + fix);
  }

  JsonObject json() {
    JsonObject o =
        new JsonObject()
            .put("check", check)
            .put("status", status.name().toLowerCase(Locale.ROOT))
            .put("detail", detail);
    return fix.isEmpty() ? o : o.put("fix", fix);
  }
}
