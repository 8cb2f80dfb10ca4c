package io.github.dbclaude.desktop;

import io.github.dbclaude.UserFacingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes Claude Desktop configurations to disk: one file whose suffix picks the format, or all
 * three into a directory.
 */
public final class DesktopConfigFiles {
  /** The base name of the three files written when no {@code --output} is given. */
  public static final String DEFAULT_BASE_NAME = "databricks-claude-desktop";

  /** A file written and the format it holds. */
  public record Written(Path path, ConfigFormat format) {}

  private final DesktopConfig config;
  private final Supplier<UUID> uuids;
  private final boolean windows;

  /** {@code uuids} is {@link UUID#randomUUID} outside tests. */
  public DesktopConfigFiles(DesktopConfig config, Supplier<UUID> uuids, boolean windows) {
    this.config = config;
    this.uuids = uuids;
    this.windows = windows;
  }

  /** Writes {@code output} in the format its suffix names; refuses to replace a foreign JSON. */
  public Written writeOne(Path output) throws UserFacingException {
    ConfigFormat format = ConfigFormat.forPath(output, windows);
    if (format == ConfigFormat.JSON) {
      DevModeJson.checkOverwritable(output);
    }
    write(output, format);
    return new Written(output, format);
  }

  /** Writes all three formats into {@code dir}, replacing earlier ones. */
  public List<Written> writeAll(Path dir) throws UserFacingException {
    List<Written> written = new ArrayList<>();
    for (ConfigFormat format : ConfigFormat.values()) {
      Path path = dir.resolve(DEFAULT_BASE_NAME + format.suffix());
      write(path, format);
      written.add(new Written(path, format));
    }
    return written;
  }

  private void write(Path path, ConfigFormat format) throws UserFacingException {
    try {
      ArtifactFile.write(path, format.render(config, uuids));
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write "
              + path
              + ": "
              + e.getMessage()
              + " — check that the folder exists and is writable");
    }
  }
}
