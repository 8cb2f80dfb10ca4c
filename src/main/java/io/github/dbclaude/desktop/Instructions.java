package io.github.dbclaude.desktop;

import java.nio.file.Path;

/** How an admin or user installs each generated file (printed on stderr after writing it). */
public final class Instructions {
  private Instructions() {}

  public static String forFormat(ConfigFormat format, Path file, boolean windows) {
    return switch (format) {
      case MOBILECONFIG ->
          """
          macOS (%s):
            1. Open the file (double-click, or: open "%s").
            2. Approve it in System Settings > Privacy & Security > Profiles (or push it with your MDM).
            3. Quit and restart Claude Desktop.
          """
              .formatted(file.getFileName(), file);
      case REG ->
          """
          Windows (%s):
            1. Double-click the file, or run: reg import "%s"
               It writes HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude (or push it with Intune/GPO).
            2. Quit and restart Claude Desktop.
          """
              .formatted(file.getFileName(), file);
      case JSON ->
          """
          Developer mode (%s):
            1. In Claude Desktop open Help > Troubleshooting > Enable Developer Mode.
            2. Restart Claude Desktop.
            3. Open Developer > Third-party inference configuration.
            4. Choose "Import configuration".
            5. Select %s
               (or copy it into %s).
            6. Review the gateway URL and the credential helper path it shows.
            7. Save the configuration.
            8. Restart Claude Desktop.
            Details: https://support.claude.com (search "third-party inference").
          """
              .formatted(
                  file.getFileName(),
                  file,
                  windows
                      ? "%APPDATA%\\Claude-3p\\configLibrary\\"
                      : "~/Library/Application Support/Claude-3p/configLibrary/");
    };
  }
}
