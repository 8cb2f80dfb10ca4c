package io.github.dbclaude;

/**
 * The Maven project version, written into this source by the build (resource filtering of
 * src/main/java-templates). A constant, not a resource read at run time: reading one opens the 6 MB
 * jar, which costs every short command about 8 ms when all its classes come from the AOT cache.
 */
final class BuildVersion {
  static final String VERSION = "${project.version}";

  private BuildVersion() {}
}
