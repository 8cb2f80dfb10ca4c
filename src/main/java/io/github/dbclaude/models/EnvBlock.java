package io.github.dbclaude.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings.json {@code env} keys Databricks recommends for Claude Code on the AI Gateway, kept
 * as data in this one place because the recommendation drifts.
 */
public final class EnvBlock {
  public static final String CUSTOM_HEADERS = "ANTHROPIC_CUSTOM_HEADERS";
  public static final String DISABLE_BETAS = "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS";
  public static final String CACHING_1H = "ENABLE_PROMPT_CACHING_1H";
  public static final String TOOL_SEARCH = "ENABLE_TOOL_SEARCH";
  public static final String GATEWAY_DISCOVERY = "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY";

  /** Tells the gateway the traffic comes from a coding agent (v0.19 wrote only this line). */
  static final String CODING_AGENT_LINE = "x-databricks-use-coding-agent-mode: true";

  private static final String CODING_AGENT_NAME = "x-databricks-use-coding-agent-mode";
  private static final String OUR_AGENT = "User-Agent: databricks-claude/";

  private EnvBlock() {}

  /**
   * The fixed keys and values in write order. With {@code betasOff} (the user asked for the v0.19
   * behaviour) experimental betas are disabled, which also makes one-hour caching impossible.
   */
  static Map<String, String> fixed(boolean betasOff) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (betasOff) {
      keys.put(DISABLE_BETAS, "1");
    } else {
      keys.put(CACHING_1H, "1");
    }
    keys.put(TOOL_SEARCH, "true");
    keys.put(GATEWAY_DISCOVERY, "1");
    return keys;
  }

  /** Keys this switch setting no longer wants, with the value we would have written. */
  static Map<String, String> retired(boolean betasOff) {
    return betasOff ? Map.of(CACHING_1H, "1") : Map.of(DISABLE_BETAS, "1");
  }

  /**
   * {@code current} (newline-separated {@code Name: value} lines) with our lines first: the
   * coding-agent marker and a {@code User-Agent} naming both tools so workspace admins can
   * attribute traffic. The user's own lines stay; a User-Agent of their own wins over ours.
   */
  static String headers(String current, String toolVersion, String claudeVersion) {
    List<String> theirs = new ArrayList<>();
    boolean theirAgent = false;
    for (String line : Arrays.asList(current.split("\n"))) {
      String name = line.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (line.isBlank() || name.equals(CODING_AGENT_NAME) || line.startsWith(OUR_AGENT)) {
        continue;
      }
      theirAgent |= name.equals("user-agent");
      theirs.add(line);
    }
    List<String> lines = new ArrayList<>();
    lines.add(CODING_AGENT_LINE);
    if (!theirAgent) {
      lines.add(userAgent(toolVersion, claudeVersion));
    }
    lines.addAll(theirs);
    return String.join("\n", lines);
  }

  /** {@code User-Agent: databricks-claude/<version> claude/<claude version>}. */
  static String userAgent(String toolVersion, String claudeVersion) {
    return OUR_AGENT + toolVersion + (claudeVersion.isEmpty() ? "" : " claude/" + claudeVersion);
  }
}
