package io.github.dbclaude.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

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

  /** The version the shaded jar reports, read the way the program reads it. */
  String versionInJar() {
    try (JarFile jar = new JarFile(jar().toFile())) {
      ZipEntry entry = jar.getEntry("databricks-claude.properties");
      if (entry == null) {
        throw new IllegalStateException("databricks-claude.properties missing from " + jar());
      }
      try (InputStream in = jar.getInputStream(entry)) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
