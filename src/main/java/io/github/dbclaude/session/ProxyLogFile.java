package io.github.dbclaude.session;

import io.github.dbclaude.platform.Environment;
import java.nio.file.Path;

/** Where a detached proxy writes its diagnostics: the per-user cache (or Logs folder on macOS). */
public final class ProxyLogFile {
  private ProxyLogFile() {}

  public static Path path(Environment environment, int port) {
    return directory(environment).resolve("proxy-" + port + ".log");
  }

  public static Path directory(Environment environment) {
    if (environment.platform().mac()) {
      return environment.home().resolve("Library/Logs/databricks-claude");
    }
    return environment.home().resolve(".cache/databricks-claude");
  }
}
