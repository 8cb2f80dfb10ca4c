package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.ClaudeModel;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.ModelCatalog;
import io.github.dbclaude.models.ModelSettings;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.util.List;
import java.util.Optional;

/**
 * {@code databricks-claude models [--json] [--profile P]}: the workspace's Claude models with each
 * family's choice marked, what settings.json and the state file hold, and whether they differ. Exit
 * 1 when discovery failed (the saved view is still shown).
 */
final class ModelsCommand {
  private ModelsCommand() {}

  static int run(List<String> args, Environment environment)
      throws UsageException, UserFacingException {
    boolean json = args.contains("--json");
    String profile = SubcommandFlags.value(args, "profile");
    for (String a : args) {
      if (!a.equals("--json") && !a.startsWith("--profile") && !a.equals(profile)) {
        throw new UsageException(
            "models: unknown argument "
                + a
                + " (usage: databricks-claude models [--json] [--profile P])");
      }
    }
    UserFiles files = UserFiles.of(environment, Log.discard());
    Discovery discovery = WorkspaceModels.discover(profile, environment, files, Log.discard());
    ModelState state = files.state().read().models();
    JsonObject env = files.settings().read().object("env").orElseGet(JsonObject::new);
    ModelCatalog catalog =
        discovery instanceof Discovery.Listed l ? l.catalog() : new ModelCatalog(state.available());
    JsonObject report = report(discovery, catalog, state, env);
    if (json) {
      environment.out().print(Json.pretty(report));
    } else {
      print(report, environment);
    }
    return discovery instanceof Discovery.Failed ? 1 : 0;
  }

  private static JsonObject report(
      Discovery discovery, ModelCatalog catalog, ModelState state, JsonObject env) {
    FamilyIds wanted = ModelSettings.wanted(state);
    JsonArray models = new JsonArray();
    for (ClaudeModel m : catalog.models()) {
      models.add(
          new JsonObject()
              .put("id", m.id())
              .put("family", m.family())
              .put("label", m.label())
              .put("chosen", JsonBool.of(m.settingsId().equals(wanted.get(m.family())))));
    }
    JsonObject families = new JsonObject();
    boolean differs = false;
    for (String family : FamilyIds.FAMILIES) {
      String key = ModelSettings.familyKey(family);
      Optional<String> current = env.string(key);
      String owner =
          current.isEmpty()
              ? "none"
              : !state.pins().get(family).isEmpty()
                  ? "pinned"
                  : ModelSettings.ours(key, current.get(), state) ? "ours" : "user";
      boolean familyDiffers =
          owner.equals("none")
              || (owner.equals("ours") && !current.get().equals(wanted.get(family)));
      differs |= familyDiffers;
      families.put(
          family,
          new JsonObject()
              .put("settings", current.orElse(""))
              .put("owner", owner)
              .put("state", state.discovered().orElse(FamilyIds.NONE).get(family))
              .put("pin", state.pins().get(family))
              .put("wanted", wanted.get(family))
              .put("differs", JsonBool.of(familyDiffers)));
    }
    return new JsonObject()
        .put("discovery", discoveryJson(discovery))
        .put("models", models)
        .put("families", families)
        .put("differs", JsonBool.of(differs));
  }

  private static JsonObject discoveryJson(Discovery discovery) {
    if (discovery instanceof Discovery.Failed f) {
      return new JsonObject()
          .put("ok", JsonBool.FALSE)
          .put("error", f.reason())
          .put("fix", f.fix());
    }
    return new JsonObject().put("ok", JsonBool.TRUE);
  }

  private static void print(JsonObject report, Environment environment) {
    var out = environment.out();
    JsonObject discovery = report.object("discovery").orElseThrow();
    if (discovery.get("ok").orElseThrow() == JsonBool.FALSE) {
      out.println(
          "Discovery failed: "
              + discovery.string("error").orElse("")
              + " — "
              + discovery.string("fix").orElse("")
              + " (showing the last saved list)");
    }
    out.println("Claude models the workspace serves (* = the family's choice):");
    for (var item : report.array("models").orElseThrow().items()) {
      JsonObject m = (JsonObject) item;
      out.printf(
          "  %s %-7s %-40s %s%n",
          m.get("chosen").orElseThrow() == JsonBool.TRUE ? "*" : " ",
          m.string("family").orElse(""),
          m.string("id").orElse(""),
          m.string("label").orElse(""));
    }
    out.println();
    out.printf("  %-7s %-44s %-8s %s%n", "family", "settings.json", "owner", "state file");
    JsonObject families = report.object("families").orElseThrow();
    for (String family : FamilyIds.FAMILIES) {
      JsonObject f = families.object(family).orElseThrow();
      out.printf(
          "  %-7s %-44s %-8s %s%s%n",
          family,
          f.string("settings").filter(s -> !s.isEmpty()).orElse("(not set)"),
          f.string("owner").orElse(""),
          f.string("state").filter(s -> !s.isEmpty()).orElse("(never discovered)"),
          f.get("differs").orElseThrow() == JsonBool.TRUE
              ? "  differs: want " + f.string("wanted").orElse("")
              : "");
    }
    out.println(
        report.get("differs").orElseThrow() == JsonBool.TRUE
            ? "settings.json differs from the discovery — run databricks-claude doctor --fix"
            : "settings.json matches (user pins are left alone).");
  }
}
