package io.github.dbclaude;

/** Facts fixed at build time: the tool's name and version (the Maven project version). */
public final class BuildInfo {
  public static final String TOOL = "databricks-claude";

  private BuildInfo() {}

  public static String version() {
    return BuildVersion.VERSION;
  }
}
