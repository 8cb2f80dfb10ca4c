package io.github.dbclaude.models;

/** What asking the gateway for its models gave: the list, or why there is none and the fix. */
public sealed interface Discovery {
  /** The gateway answered; {@code catalog} may still hold no Claude model. */
  record Listed(ModelCatalog catalog) implements Discovery {}

  /** No list: {@code reason} says what happened, {@code fix} what to do; neither holds a secret. */
  record Failed(String reason, String fix) implements Discovery {
    /** One line for reports: the reason and the fix. */
    public String line() {
      return reason + " — " + fix;
    }
  }
}
