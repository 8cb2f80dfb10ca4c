package io.github.dbclaude.platform;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens a URL in the user's default browser the way each OS offers it: {@code open} on macOS,
 * {@code start} (through {@code cmd}) on Windows, {@code xdg-open} elsewhere. For {@code status
 * --open}, which shows the proxy's status page.
 */
public final class BrowserOpener {
  /** Starts a command without waiting for it; the real one is {@link ProcessBuilder}. */
  @FunctionalInterface
  public interface Launcher {
    void start(List<String> command) throws IOException;
  }

  private final Platform platform;
  private final Launcher launcher;

  public BrowserOpener(Platform platform, Launcher launcher) {
    this.platform = platform;
    this.launcher = launcher;
  }

  /** The opener for {@code platform}, starting the real command. */
  public static BrowserOpener system(Platform platform) {
    return new BrowserOpener(platform, command -> new ProcessBuilder(command).inheritIO().start());
  }

  /** Opens {@code url}, which must be an http(s) URL (nothing else is handed to the OS). */
  public void open(String url) throws IOException {
    launcher.start(command(url));
  }

  List<String> command(String url) throws IOException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IOException("not a URL: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw new IOException("only http(s) URLs are opened, not " + url);
    }
    String text = uri.toASCIIString();
    if (platform.mac()) {
      return List.of("open", text);
    }
    if (platform.windows()) {
      // The empty title keeps start from taking a quoted URL as the window title.
      return List.of("cmd", "/c", "start", "\"\"", text.replace("&", "^&"));
    }
    return List.of("xdg-open", text);
  }
}
