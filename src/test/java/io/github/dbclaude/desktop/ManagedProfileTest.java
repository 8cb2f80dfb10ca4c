package io.github.dbclaude.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MDM readers (CHECKLIST Y2): macOS plists and Windows reg output read from fixtures. */
class ManagedProfileTest {
  @TempDir Path temp;

  private static String plist(String body) {
    return """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
    <plist version="1.0">
    <dict>
    %s
    </dict>
    </plist>
    """
        .formatted(body);
  }

  private Path write(String name, String content) throws IOException {
    Path p = temp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void macPlistWithTheKeyGivesItsString() throws IOException {
    Path p =
        write("a.plist", plist("<key>databricksProfile</key>\n<string>fleet-profile</string>"));
    assertThat(new MacManagedPreferences(List.of(p)).databricksProfile())
        .isEqualTo("fleet-profile");
  }

  @Test
  void macPlistFindsTheKeyAmongOthersAndUnescapesIt() throws IOException {
    Path p =
        write(
            "a.plist",
            plist(
                """
                <key>other</key><string>x</string>
                <key>enabled</key><true/>
                <key>databricksProfile</key><string>a&amp;b</string>
                <key>databricksProfileOld</key><string>old</string>\
                """));
    assertThat(new MacManagedPreferences(List.of(p)).databricksProfile()).isEqualTo("a&b");
  }

  @Test
  void macPlistWithoutTheKeyGivesEmpty() throws IOException {
    Path p = write("a.plist", plist("<key>other</key><string>x</string>"));
    assertThat(new MacManagedPreferences(List.of(p)).databricksProfile()).isEmpty();
  }

  @Test
  void macKeyFollowedByANonStringGivesEmpty() throws IOException {
    Path p = write("a.plist", plist("<key>databricksProfile</key><integer>3</integer>"));
    assertThat(new MacManagedPreferences(List.of(p)).databricksProfile()).isEmpty();
  }

  @Test
  void missingOrCorruptOrBinaryPlistGivesEmptyWithoutError() throws IOException {
    Path corrupt = write("corrupt.plist", "<plist><dict><key>databricksProfile</key><str");
    Path binary = temp.resolve("binary.plist");
    Files.write(binary, new byte[] {'b', 'p', 'l', 'i', 's', 't', '0', '0', 1, 2, (byte) 0xff});
    MacManagedPreferences reader =
        new MacManagedPreferences(List.of(temp.resolve("missing.plist"), corrupt, binary));
    assertThat(reader.databricksProfile()).isEmpty();
  }

  @Test
  void macManagedPlistWinsOverTheUserPlist() throws IOException {
    Path managed =
        write("managed/x.plist", plist("<key>databricksProfile</key><string>managed</string>"));
    Path user = write("user/x.plist", plist("<key>databricksProfile</key><string>user</string>"));
    assertThat(new MacManagedPreferences(List.of(managed, user)).databricksProfile())
        .isEqualTo("managed");
  }

  @Test
  void macFallsBackToTheUserPlistWhenTheManagedOneIsEmptyOrMissing() throws IOException {
    Path managed = write("managed/x.plist", plist("<key>databricksProfile</key><string></string>"));
    Path user = write("user/x.plist", plist("<key>databricksProfile</key><string>user</string>"));
    assertThat(new MacManagedPreferences(List.of(managed, user)).databricksProfile())
        .isEqualTo("user");
    assertThat(
            new MacManagedPreferences(List.of(temp.resolve("nope.plist"), user))
                .databricksProfile())
        .isEqualTo("user");
  }

  @Test
  void macReadsTheStandardLocationsForTheUser() {
    Path home = Path.of("/Users/ada");
    assertThat(MacManagedPreferences.standard(home, "ada").plists())
        .containsExactly(
            Path.of("/Library/Managed Preferences/ada/com.icerhymers.databricks-claude.plist"),
            Path.of("/Users/ada/Library/Preferences/com.icerhymers.databricks-claude.plist"));
    assertThat(MacManagedPreferences.standard(home, "").plists().getFirst())
        .isEqualTo(Path.of("/Library/Managed Preferences/com.icerhymers.databricks-claude.plist"));
  }

  @Test
  void windowsReadsTheRegSzValueFromRegQueryOutput() {
    List<List<String>> calls = new ArrayList<>();
    String output =
        "\r\nHKEY_CURRENT_USER\\SOFTWARE\\IceRhymers\\databricks-claude\r\n"
            + "    databricksProfile    REG_SZ    fleet profile\r\n\r\n";
    WindowsRegistryProfile reader =
        new WindowsRegistryProfile(
            argv -> {
              calls.add(argv);
              return output;
            });

    assertThat(reader.databricksProfile()).isEqualTo("fleet profile");
    assertThat(calls)
        .containsExactly(
            List.of(
                "reg",
                "query",
                "HKCU\\SOFTWARE\\IceRhymers\\databricks-claude",
                "/v",
                "databricksProfile"));
  }

  @Test
  void windowsIgnoresOtherValueTypesAndEmptyValues() {
    assertThat(
            WindowsRegistryProfile.valueIn(
                "HKEY_CURRENT_USER\\x\n    databricksProfile    REG_DWORD    0x1\n"))
        .isEmpty();
    assertThat(WindowsRegistryProfile.valueIn("    databricksProfile    REG_SZ    \r\n")).isEmpty();
    assertThat(WindowsRegistryProfile.valueIn("")).isEmpty();
  }

  @Test
  void windowsRegistryErrorsGiveEmpty() {
    WindowsRegistryProfile reader =
        new WindowsRegistryProfile(
            argv -> {
              throw new IOException(
                  "ERROR: The system was unable to find the specified registry key");
            });
    assertThat(reader.databricksProfile()).isEmpty();
  }

  @Test
  void otherPlatformsHaveNoManagedProfile() {
    assertThat(
            ManagedProfile.forPlatform(
                    new Platform("Linux", "amd64", false), temp, Map.of("USER", "x"))
                .databricksProfile())
        .isEmpty();
    assertThat(ManagedProfile.forPlatform(new Platform("Mac OS X", "amd64", false), temp, Map.of()))
        .isInstanceOf(MacManagedPreferences.class);
    assertThat(
            ManagedProfile.forPlatform(new Platform("Windows 11", "amd64", false), temp, Map.of()))
        .isInstanceOf(WindowsRegistryProfile.class);
  }
}
