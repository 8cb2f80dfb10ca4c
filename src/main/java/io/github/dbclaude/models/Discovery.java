package io.github.dbclaude.models;

import io.github.dbclaude.config.FamilyIds;
import java.util.ArrayList;
import java.util.List;

/** What asking the gateway for its models gave: the list, or why there is none and the fix. */
public sealed interface Discovery {
  /** What happened, in one line for a command's output. */
  String summary();

  /** The gateway answered; {@code catalog} may still hold no Claude model. */
  record Listed(ModelCatalog catalog) implements Discovery {
    @Override
    public String summary() {
      FamilyIds choice = catalog.choice();
      if (choice.isEmpty()) {
        return "the gateway lists no Claude model — keeping the saved or built-in models;"
            + " ask a workspace admin for access to the Claude serving endpoints";
      }
      List<String> parts = new ArrayList<>();
      for (String family : FamilyIds.FAMILIES) {
        parts.add(family + " " + (choice.get(family).isEmpty() ? "(none)" : choice.get(family)));
      }
      return "models from the workspace: "
          + String.join(", ", parts)
          + " ("
          + catalog.ids().size()
          + " Claude models listed)";
    }
  }

  /** No list: {@code reason} says what happened, {@code fix} what to do; neither holds a secret. */
  record Failed(String reason, String fix) implements Discovery {
    /** One line for reports: the reason and the fix. */
    public String line() {
      return reason + " — " + fix;
    }

    @Override
    public String summary() {
      return "model discovery failed: " + line() + " (keeping the saved or built-in models)";
    }
  }
}
