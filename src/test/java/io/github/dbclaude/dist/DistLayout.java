package io.github.dbclaude.dist;

import io.github.dbclaude.BuildInfo;
import java.nio.file.Path;

/**
 * Where the build put the runnable tool ({@code -Ddist.home}, set by failsafe) and what it
 * contains.
 */
record DistLayout(Path home) {
  static DistLayout fromSystemProperty() {
    String home = System.getProperty("dist.home");
    if (home == null || home.isEmpty()) {
      throw new IllegalStateException(
          "-Ddist.home is not set: run the integration tests with mvn verify");
    }
    return new DistLayout(Path.of(home).toAbsolutePath());
  }

  Path launcher() {
    return home.resolve("bin/databricks-claude");
  }

  Path credentialHelperAlias() {
    return home.resolve("bin/databricks-claude-credential-helper");
  }

  Path jar() {
    return home.resolve("lib/databricks-claude.jar");
  }

  Path aotCache() {
    return home.resolve("lib/databricks-claude.aot");
  }

  /** The headless proxy's own cache. */
  Path proxyAotCache() {
    return home().resolve("lib/databricks-claude-proxy.aot");
  }

  Path bundledJava() {
    return home.resolve("runtime/bin/java");
  }

  /** The version this build stamped into the program (a constant compiled into the jar). */
  String versionInJar() {
    return BuildInfo.version();
  }
}
