package io.github.dbclaude.doctor;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
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

  /** The findings as lines with a closing count, or as one JSON document for {@code --json}. */
  static void report(List<DoctorFinding> findings, boolean json, PrintStream out) {
    long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    if (json) {
      JsonArray list = new JsonArray();
      findings.forEach(f -> list.add(f.json()));
      out.print(
          Json.pretty(new JsonObject().put("ok", JsonBool.of(failed == 0)).put("findings", list)));
      return;
    }
    out.println("databricks-claude doctor");
    findings.forEach(f -> out.println(f.line()));
    out.println(
        failed == 0
            ? "No problems found."
            : failed + (failed == 1 ? " problem" : " problems") + " found.");
  }
}
