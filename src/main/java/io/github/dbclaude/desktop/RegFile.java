package io.github.dbclaude.desktop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Renders the Windows registry file: Claude Desktop's policy key plus ours, CRLF line endings,
 * UTF-8 without BOM, strings with {@code \} and {@code "} escaped.
 */
final class RegFile {
  static final String POLICY_KEY = "HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude";
  static final String OUR_KEY = "HKEY_CURRENT_USER\\SOFTWARE\\IceRhymers\\databricks-claude";
  private static final String CRLF = "\r\n";

  private RegFile() {}

  static byte[] render(DesktopConfig config) {
    StringBuilder out =
        new StringBuilder()
            .append("Windows Registry Editor Version 5.00")
            .append(CRLF)
            .append(CRLF)
            .append('[')
            .append(POLICY_KEY)
            .append(']')
            .append(CRLF);
    values(out, config.settings());
    out.append(CRLF).append('[').append(OUR_KEY).append(']').append(CRLF);
    values(out, config.ownSettings());
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void values(StringBuilder out, List<DesktopConfig.Setting> settings) {
    for (DesktopConfig.Setting s : settings) {
      out.append(quoted(s.key())).append('=').append(value(s.value())).append(CRLF);
    }
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String quoted(String s) {
    return '"' + escape(s) + '"';
  }

  private static String value(DesktopConfig.Value value) {
    if (value instanceof DesktopConfig.Flag f) {
      return f.on() ? "dword:00000001" : "dword:00000000";
    } else if (value instanceof DesktopConfig.Text t) {
      return quoted(t.text());
    } else if (value instanceof DesktopConfig.Count c) {
      // Claude Desktop reads the TTL as a string value from the registry.
      return quoted(Integer.toString(c.count()));
    } else if (value instanceof DesktopConfig.Dword d) {
      return String.format(Locale.ROOT, "dword:%08X", d.value());
    } else if (value instanceof DesktopConfig.Models m) {
      return quoted(m.json());
    }
    throw new IllegalArgumentException("a setting of unknown kind: " + value);
  }
}
