package io.github.dbclaude.doctor;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.models.ClaudeModel;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what Claude Code will use (settings.json) with what the workspace serves, per family:
 * ok, user-pinned (left alone), pinned (by {@code config models}), drift (one of ours differs from
 * the discovery) or unavailable (the gateway no longer lists it). Drift and unavailable fail.
 */
final class DoctorModelChecks {
  static final String FIX = "run databricks-claude doctor --fix";

  private DoctorModelChecks() {}

  /** One finding for the discovery itself (when it did not list models) and one per family. */
  static List<DoctorFinding> compare(JsonObject settings, ModelState m, Discovery discovery) {
    List<DoctorFinding> out = new ArrayList<>();
    Optional<Set<String>> listed = Optional.empty();
    FamilyIds wanted = ModelSettings.wanted(m);
    if (discovery instanceof Discovery.Failed f) {
      out.add(DoctorFinding.fail("models", f.reason() + "; keeping " + saved(m), f.fix()));
    } else if (discovery instanceof Discovery.Listed l && l.catalog().choice().isEmpty()) {
      out.add(
          DoctorFinding.warn(
              "models",
              "the gateway lists no Claude model; keeping " + saved(m),
              "ask a workspace admin for access to the Claude serving endpoints"));
    } else if (discovery instanceof Discovery.Listed l) {
      listed = Optional.of(Set.copyOf(l.catalog().ids()));
      wanted = m.pins().orElse(l.catalog().choice()).orElse(wanted);
      out.add(DoctorFinding.ok("models", l.catalog().ids().size() + " Claude models listed"));
    }
    JsonObject env = settings.object("env").orElseGet(JsonObject::new);
    for (String family : FamilyIds.FAMILIES) {
      out.add(family(family, env, m, wanted.get(family), listed));
    }
    return out;
  }

  private static DoctorFinding family(
      String family, JsonObject env, ModelState m, String want, Optional<Set<String>> listed) {
    String key = ModelSettings.familyKey(family);
    Optional<String> current = env.string(key);
    if (current.isEmpty()) {
      return DoctorFinding.fail(family, "drift: " + key + " is not set (want " + want + ")", FIX);
    }
    String now = current.get();
    boolean pinned = !m.pins().get(family).isEmpty();
    boolean ours = pinned || ModelSettings.ours(key, now, m);
    if (listed.isPresent() && !listed.get().contains(ClaudeModel.stripOneM(now))) {
      String fix =
          pinned
              ? "pin another with databricks-claude config models --" + family + " <id>, or --reset"
              : ours
                  ? FIX
                  : "remove your "
                      + key
                      + " from ~/.claude/settings.json, or pin a listed model"
                      + " with databricks-claude config models --"
                      + family
                      + " <id>";
      return DoctorFinding.fail(
          family, "unavailable: " + now + " is not served by this workspace", fix);
    }
    if (pinned) {
      return DoctorFinding.ok(family, "pinned: " + now + " (databricks-claude config models)");
    }
    if (!ours) {
      return DoctorFinding.ok(
          family, "user-pinned: " + now + " (left alone; workspace: " + want + ")");
    }
    if (!now.equals(want)) {
      return DoctorFinding.fail(family, "drift: " + now + " -> " + want, FIX);
    }
    return DoctorFinding.ok(family, "ok: " + now);
  }

  private static String saved(ModelState m) {
    return m.discovered().isPresent() ? "the saved models" : "the built-in models";
  }
}
