package io.github.dbclaude.models;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Claude models one discovery found: every id containing {@code claude} as listed, and the ones
 * we can place in a family; answers which model each family gets and what the pickers show.
 */
public record ModelCatalog(List<String> ids) {
  public ModelCatalog {
    ids =
        ids.stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).contains("claude"))
            .distinct()
            .toList();
  }

  /** The models we can place in a family, in listing order. */
  public List<ClaudeModel> models() {
    return ids.stream().map(ClaudeModel::parse).flatMap(Optional::stream).toList();
  }

  /**
   * The newest model of {@code family} (by version; the first listed wins a tie, so one naming does
   * not flip to the other between runs).
   */
  public Optional<ClaudeModel> newest(String family) {
    return models().stream()
        .filter(m -> m.family().equals(family))
        .min(ClaudeModel.NEWEST_FIRST); // stable: min keeps the first of equals
  }

  /** The settings id ({@code [1m]} where it applies) per family; families without a model empty. */
  public FamilyIds choice() {
    FamilyIds ids = FamilyIds.NONE;
    for (String family : FamilyIds.FAMILIES) {
      String id = newest(family).map(ClaudeModel::settingsId).orElse("");
      ids = ids.with(family, id);
    }
    return ids;
  }

  /**
   * One entry per family and version (the first listed of two namings), families in order, newest
   * first: the rows of Claude Code's {@code /model} picker and of Claude Desktop's model list.
   */
  public List<ClaudeModel> pickerModels() {
    Set<String> seen = new HashSet<>();
    List<ClaudeModel> out = new ArrayList<>();
    for (String family : FamilyIds.FAMILIES) {
      models().stream()
          .filter(m -> m.family().equals(family))
          .sorted(ClaudeModel.NEWEST_FIRST)
          .filter(m -> seen.add(m.family() + "-" + m.major() + "-" + m.minor()))
          .forEach(out::add);
    }
    return out;
  }

  /** Claude Code's {@code modelPicker} setting: the workspace's models instead of Anthropic's. */
  public JsonObject modelPicker() {
    JsonArray options = new JsonArray();
    for (ClaudeModel m : pickerModels()) {
      options.add(
          new JsonObject()
              .put("model", m.settingsId())
              .put("label", m.label())
              .put("description", m.id() + (m.supports1m() ? " · 1M context" : "")));
    }
    return new JsonObject().put("replaceBuiltInOptions", JsonBool.TRUE).put("options", options);
  }

  /**
   * Claude Desktop's {@code inferenceModels} (the Go v2.0 shape): newest first across families,
   * ties by id.
   */
  public JsonArray desktopModels() {
    JsonArray list = new JsonArray();
    pickerModels().stream()
        .sorted(ClaudeModel.NEWEST_FIRST.thenComparing(ClaudeModel::id, Comparator.naturalOrder()))
        .forEach(
            m -> {
              JsonObject entry = new JsonObject().put("name", m.id());
              list.add(m.supports1m() ? entry.put("supports1m", JsonBool.TRUE) : entry);
            });
    return list;
  }
}
