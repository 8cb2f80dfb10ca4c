package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.ClaudeModel;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code config models --opus|--sonnet|--haiku <id> | --default <id> | --reset} and {@code config
 * env --experimental-betas=off|on}: pin models or restore the v0.19 env block, persisted in the
 * state file and applied to settings.json at once.
 */
final class ConfigModelsCommand {
  static final String USAGE =
      "usage: databricks-claude config models [--opus ID] [--sonnet ID] [--haiku ID]"
          + " [--default ID] | --reset";
  static final String ENV_USAGE = "usage: databricks-claude config env --experimental-betas=off|on";

  private ConfigModelsCommand() {}

  /** {@code config models …}. */
  static int models(List<String> args, Environment environment)
      throws UsageException, UserFacingException {
    boolean reset = args.contains("--reset");
    for (String a : args) {
      if (a.startsWith("--")
          && !a.equals("--reset")
          && List.of("opus", "sonnet", "haiku", "default").stream()
              .noneMatch(f -> a.equals("--" + f) || a.startsWith("--" + f + "="))) {
        throw new UsageException("config models: unknown flag " + a + " (" + USAGE + ")");
      }
    }
    FamilyIds pins = FamilyIds.NONE;
    for (String family : FamilyIds.FAMILIES) {
      pins = pins.with(family, id(args, family));
    }
    String defaultPin = id(args, "default");
    if (reset == (!pins.isEmpty() || !defaultPin.isEmpty())) {
      throw new UsageException("config models: give model ids or --reset (" + USAGE + ")");
    }
    UserFiles files = UserFiles.of(environment, Log.discard());
    ModelState before = files.state().read().models();
    FamilyIds chosen = reset ? FamilyIds.NONE : pins.orElse(before.pins());
    String chosenDefault = reset ? "" : defaultPin.isEmpty() ? before.defaultPin() : defaultPin;
    apply(environment, files, m -> m.withPins(chosen, chosenDefault));
    warnUnlisted(environment, before, pins, defaultPin);
    environment
        .err()
        .println(
            "databricks-claude: "
                + (reset
                    ? "model pins removed — settings.json follows the workspace's discovery again"
                    : "pinned "
                        + describe(chosen, chosenDefault)
                        + " in ~/.claude/settings.json (config models --reset undoes it)"));
    return 0;
  }

  /** {@code config env --experimental-betas=off|on}. */
  static int env(List<String> args, Environment environment)
      throws UsageException, UserFacingException {
    String value = SubcommandFlags.value(args, "experimental-betas");
    if (args.size() != (args.contains("--experimental-betas") ? 2 : 1)
        || !(value.equals("off") || value.equals("on"))) {
      throw new UsageException("config env: " + ENV_USAGE);
    }
    boolean off = value.equals("off");
    apply(
        environment,
        UserFiles.of(environment, Log.discard()),
        m -> m.withExperimentalBetasOff(off));
    environment
        .err()
        .println(
            off
                ? "databricks-claude: experimental betas off"
                    + " (CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, no one-hour prompt caching) —"
                    + " the v0.19 behaviour"
                : "databricks-claude: experimental betas on (ENABLE_PROMPT_CACHING_1H=1)");
    return 0;
  }

  private static void apply(
      Environment environment, UserFiles files, UnaryOperator<ModelState> change)
      throws UserFacingException {
    try {
      files.state().update(s -> s.withModels(change.apply(s.models())));
      Settings.modelWriter(environment, files, Log.discard()).writeTo(files.settings());
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude: " + e.getMessage() + " — check its permissions");
    }
  }

  private static String id(List<String> args, String name) throws UsageException {
    if (!SubcommandFlags.present(args, name)) {
      return "";
    }
    String id = SubcommandFlags.value(args, name);
    if (id.isBlank() || id.startsWith("--")) {
      throw new UsageException("config models: --" + name + " needs a model id (" + USAGE + ")");
    }
    return id;
  }

  private static void warnUnlisted(
      Environment environment, ModelState before, FamilyIds pins, String defaultPin) {
    if (before.available().isEmpty()) {
      return;
    }
    for (String id : List.of(pins.opus(), pins.sonnet(), pins.haiku(), defaultPin)) {
      if (!id.isEmpty() && !before.available().contains(ClaudeModel.stripOneM(id))) {
        environment
            .err()
            .println(
                "databricks-claude: warning: "
                    + id
                    + " was not in the workspace's model list at the last discovery"
                    + " (databricks-claude models shows it)");
      }
    }
  }

  private static String describe(FamilyIds pins, String defaultPin) {
    StringBuilder out = new StringBuilder();
    for (String family : FamilyIds.FAMILIES) {
      if (!pins.get(family).isEmpty()) {
        out.append(out.isEmpty() ? "" : ", ").append(family).append(" ").append(pins.get(family));
      }
    }
    if (!defaultPin.isEmpty()) {
      out.append(out.isEmpty() ? "" : ", ").append("default ").append(defaultPin);
    }
    return out.toString();
  }
}
