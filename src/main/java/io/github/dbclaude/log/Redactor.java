package io.github.dbclaude.log;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Replaces anything that looks like a credential with {@code [REDACTED]}. Applied to every line a
 * log sink writes; every sink, not only the debug log.
 */
public final class Redactor {
  private record Rule(Pattern pattern) {}

  // Order matters: "DATABRICKS_TOKEN=dapi123" must end up as one "[REDACTED]".
  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("(?i)bearer\\s+[^\\s\"']+")),
          new Rule(Pattern.compile("dapi[a-zA-Z0-9-]+")),
          new Rule(Pattern.compile("(?i)x-api-key:\\s*\\S+")),
          new Rule(Pattern.compile("(?i)x-databricks-authorization:\\s*\\S+")),
          new Rule(Pattern.compile("(?i)authorization:\\s*basic\\s+[A-Za-z0-9+/=]+")),
          new Rule(Pattern.compile("\"access_token\"\\s*:\\s*\"[^\"]*\"")),
          new Rule(Pattern.compile("DATABRICKS_TOKEN=[^\\s&\"]+")));

  private Redactor() {}

  /** Returns {@code text} with every credential-looking run replaced. */
  public static String redact(String text) {
    String out = text;
    for (Rule r : RULES) {
      out = r.pattern().matcher(out).replaceAll("[REDACTED]");
    }
    return out;
  }
}
