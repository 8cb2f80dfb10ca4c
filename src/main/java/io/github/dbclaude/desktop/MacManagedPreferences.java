package io.github.dbclaude.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * macOS managed preferences: the MDM-installed plist for this user first, then the user's own
 * preferences plist; the first non-empty {@code databricksProfile} wins. Only XML plists are read.
 */
final class MacManagedPreferences implements ManagedProfile {
  static final String KEY = "databricksProfile";
  private final List<Path> plists;

  MacManagedPreferences(List<Path> plists) {
    this.plists = List.copyOf(plists);
  }

  /** The standard locations for {@code user} (an unknown user falls back to the shared folder). */
  static MacManagedPreferences standard(Path home, String user) {
    Path managed = Path.of("/Library/Managed Preferences");
    Path dir = user.isEmpty() ? managed : managed.resolve(user);
    return new MacManagedPreferences(
        List.of(
            dir.resolve(DOMAIN + ".plist"),
            home.resolve("Library/Preferences").resolve(DOMAIN + ".plist")));
  }

  List<Path> plists() {
    return plists;
  }

  @Override
  public String databricksProfile() {
    for (Path plist : plists) {
      String value = read(plist).orElse("");
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  /** The string after the first {@code <key>databricksProfile</key>}, if the file has one. */
  static Optional<String> read(Path plist) {
    if (!Files.isRegularFile(plist)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(plist)) {
      return profileIn(in);
    } catch (IOException | XMLStreamException | RuntimeException e) {
      // A corrupt, binary or unreadable plist means "not configured", never a failed helper.
      return Optional.empty();
    }
  }

  static Optional<String> profileIn(InputStream in) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // Never fetch Apple's DTD (no network) nor expand external entities.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader xml = factory.createXMLStreamReader(in);
    try {
      boolean afterKey = false;
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String element = xml.getLocalName();
        if (afterKey) {
          return element.equals("string") ? Optional.of(xml.getElementText()) : Optional.empty();
        }
        afterKey = element.equals("key") && xml.getElementText().equals(KEY);
      }
      return Optional.empty();
    } finally {
      xml.close();
    }
  }
}
