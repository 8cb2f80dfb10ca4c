package io.github.dbclaude.desktop;

import io.github.dbclaude.platform.PlistWriter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Renders the macOS configuration profile: Claude Desktop's managed settings plus our own payload
 * carrying the profile name for the credential helper's MDM lookup.
 */
final class MobileConfig {
  private MobileConfig() {}

  /** Upper-case 8-4-4-4-12 hex, as Apple's tools write payload UUIDs. */
  static String uuid(Supplier<UUID> uuids) {
    return uuids.get().toString().toUpperCase(Locale.ROOT);
  }

  static byte[] render(DesktopConfig config, Supplier<UUID> uuids) {
    String desktopUuid = uuid(uuids);
    String ourUuid = uuid(uuids);
    String profileUuid = uuid(uuids);
    PlistWriter plist = new PlistWriter().startDict().key("PayloadContent").startArray();

    payloadHeader(
        plist.startDict(),
        "com.anthropic.claudefordesktop",
        "com.anthropic.claudefordesktop.settings",
        desktopUuid,
        "Claude Desktop");
    write(plist, config.settings());
    plist.end();

    payloadHeader(
        plist.startDict(),
        ManagedProfile.DOMAIN,
        ManagedProfile.DOMAIN + ".settings",
        ourUuid,
        "Databricks Claude Settings");
    write(plist, config.ownSettings());
    plist.end();

    return plist
        .end()
        .key("PayloadDisplayName")
        .string("Claude Desktop Third-Party Inference")
        .key("PayloadIdentifier")
        .string("com.anthropic.claudefordesktop.profile")
        .key("PayloadType")
        .string("Configuration")
        .key("PayloadUUID")
        .string(profileUuid)
        .key("PayloadVersion")
        .integer(1)
        .key("PayloadScope")
        .string("User")
        .end()
        .finish();
  }

  private static void write(PlistWriter plist, List<DesktopConfig.Setting> settings) {
    for (DesktopConfig.Setting s : settings) {
      plist.key(s.key());
      DesktopConfig.Value value = s.value();
      if (value instanceof DesktopConfig.Flag f) {
        plist.bool(f.on());
      } else if (value instanceof DesktopConfig.Text t) {
        plist.string(t.text());
      } else if (value instanceof DesktopConfig.Count c) {
        plist.integer(c.count());
      } else if (value instanceof DesktopConfig.Dword d) {
        plist.integer(d.value());
      } else if (value instanceof DesktopConfig.Models m) {
        plist.string(m.json());
      } else {
        throw new IllegalArgumentException("a setting of unknown kind: " + value);
      }
    }
  }

  private static void payloadHeader(
      PlistWriter plist, String type, String identifier, String uuid, String displayName) {
    plist
        .key("PayloadType")
        .string(type)
        .key("PayloadIdentifier")
        .string(identifier)
        .key("PayloadUUID")
        .string(uuid)
        .key("PayloadVersion")
        .integer(1)
        .key("PayloadDisplayName")
        .string(displayName);
  }
}
