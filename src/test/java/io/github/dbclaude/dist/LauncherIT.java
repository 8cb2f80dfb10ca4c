package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built launcher the way users reach it: directly, through symlink chains in directories
 * with spaces, under the credential-helper alias, with no Java of their own.
 */
class LauncherIT {
  private final DistLayout dist = DistLayout.fromSystemProperty();

  @TempDir Path temp;
  private Path home;
  private Path tools;

  @BeforeEach
  void isolate() throws IOException {
    home = Files.createDirectories(temp.resolve("home dir"));
    // PATH holds only readlink (the launcher's one external tool), so no java can be found on it.
    tools = Files.createDirectories(temp.resolve("tools"));
    Path readlink =
        Stream.of("/usr/bin/readlink", "/bin/readlink")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow();
    Files.createSymbolicLink(tools.resolve("readlink"), readlink);
  }

  @Test
  void versionPrintsToolAndJarVersionOnStdoutAndNothingElse() throws Exception {
    ProcessRun run = launch(dist.launcher(), Map.of(), "--version");

    assertThat(run.stdout()).isEqualTo("databricks-claude " + dist.versionInJar() + "\n");
    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void versionMatchesTheMavenProjectVersion() {
    assertThat(dist.versionInJar()).isEqualTo(System.getProperty("project.version"));
  }

  @Test
  void runsThroughChainOfSymlinksInDirectoriesWithSpaces() throws Exception {
    Path first = Files.createDirectories(temp.resolve("first dir")).resolve("databricks-claude");
    Files.createSymbolicLink(first, dist.launcher());
    Path second = Files.createDirectories(temp.resolve("second dir/on PATH")).resolve("dbc");
    Files.createSymbolicLink(second, Path.of("../../first dir/databricks-claude"));

    ProcessRun run = launch(second, Map.of(), "--version");

    assertThat(run.stdout()).isEqualTo("databricks-claude " + dist.versionInJar() + "\n");
    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void passesTheInvokedNameAndTheResolvedLauncherPath() throws Exception {
    Path link = Files.createDirectories(temp.resolve("link dir")).resolve("some name");
    Files.createSymbolicLink(link, dist.launcher());

    // -XshowSettings prints system properties to stderr before main runs: no program support
    // needed.
    ProcessRun run =
        launch(
            link, Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-XshowSettings:properties"), "--version");

    assertThat(run.stderr())
        .contains("databricks.claude.argv0 = some name\n")
        .contains("databricks.claude.launcher = " + dist.launcher().toRealPath() + "\n");
  }

  @Test
  void credentialHelperAliasIsRelativeSymlinkToTheLauncher() throws IOException {
    assertThat(Files.readSymbolicLink(dist.credentialHelperAlias()))
        .isEqualTo(Path.of("databricks-claude"));
  }

  @Test
  void credentialHelperAliasPassesItsOwnNameNotTheTargets() throws Exception {
    Path link =
        Files.createDirectories(temp.resolve("Claude Desktop"))
            .resolve("databricks-claude-credential-helper");
    Files.createSymbolicLink(link, dist.credentialHelperAlias());

    ProcessRun run =
        launch(link, Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-XshowSettings:properties"));

    assertThat(run.stderr())
        .contains("databricks.claude.argv0 = databricks-claude-credential-helper\n");
  }

  @Test
  void credentialHelperAliasKeepsStdoutFreeOfAnythingButItsAnswer() throws Exception {
    // No databricks CLI anywhere (PATH holds only readlink): the helper fails, and says so on
    // stderr only — stdout is reserved for the token.
    ProcessRun run = launch(dist.credentialHelperAlias(), Map.of());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr().lines().filter(l -> l.startsWith("databricks-claude: ")).toList())
        .singleElement()
        .asString()
        .contains("credential helper authentication failed");
  }

  @Test
  void shortLivedCommandsNeverLoadTheUsageDatabaseDriver() throws Exception {
    for (List<String> command :
        List.of(
            List.of(dist.launcher().toString(), "--version"),
            List.of(dist.credentialHelperAlias().toString()),
            List.of(dist.launcher().toString(), "--headless-release"))) {
      Path classes = temp.resolve("classes-" + command.size() + command.getLast().length());
      launch(
          Path.of(command.getFirst()),
          Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
          command.subList(1, command.size()).toArray(String[]::new));

      assertThat(Files.readString(classes))
          .as(String.join(" ", command))
          .contains("io.github.dbclaude.cli.Main")
          .doesNotContain("org.sqlite", "java.sql.", "io.github.dbclaude.usage");
    }
  }

  @Test
  void theJarCarriesTheSqliteLibraryOfThisPlatformOnly() throws IOException {
    try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(dist.jar().toFile())) {
      List<String> libraries =
          jar.stream()
              .map(java.util.zip.ZipEntry::getName)
              .filter(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/"))
              .toList();
      assertThat(libraries).hasSize(1);
      assertThat(jar.getEntry("META-INF/services/java.sql.Driver")).isNotNull();
    }
  }

  @Test
  void launcherRunsTheBundledRuntime() throws Exception {
    ProcessRun javaVersion =
        ProcessRun.of(List.of(dist.bundledJava().toString(), "-version"), Map.of(), temp, temp);
    assertThat(javaVersion.exitCode()).isZero();
    assertThat(javaVersion.stderr()).contains("version \"25");
    assertThat(Files.readString(dist.launcher())).contains("/runtime/bin/java");

    ProcessRun run =
        launch(
            dist.launcher(),
            Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-XshowSettings:properties"),
            "--version");
    assertThat(run.stderr())
        .contains("java.home = " + dist.home().resolve("runtime").toRealPath() + "\n");
  }

  @Test
  void launcherLoadsTheProgramFromTheAotCache() throws Exception {
    Path classLog = temp.resolve("classes.log");
    ProcessRun run =
        launch(
            dist.launcher(),
            Map.of("DATABRICKS_CLAUDE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(Files.readAllLines(classLog))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" io.github.dbclaude.cli.Main source: shared objects file"));
  }

  @Test
  void aotCacheIsTrainedAfterTheJarWasBuilt() throws IOException {
    // JDK 25.0.3 would silently use a cache trained on an older jar (JDK-8377932).
    assertThat(Files.getLastModifiedTime(dist.aotCache()))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(dist.jar()));
    assertThat(Files.getLastModifiedTime(dist.proxyAotCache()))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(dist.jar()));
  }

  @Test
  void unusableAotCacheIsSkippedSilently() throws Exception {
    Path copy = copyOfDistWithAotCache(new byte[] {1, 2, 3, 4});

    ProcessRun run = launch(copy.resolve("bin/databricks-claude"), Map.of(), "--version");

    assertThat(run.stdout()).isEqualTo("databricks-claude " + dist.versionInJar() + "\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void devTreeWithoutBundledRuntimeFallsBackToJavaHome() throws Exception {
    Path copy = copyOfDistWithAotCache(null);
    Files.delete(copy.resolve("runtime"));
    Path javaHome = dist.home().resolve("runtime").toRealPath();

    ProcessRun run =
        launch(
            copy.resolve("bin/databricks-claude"),
            Map.of("JAVA_HOME", javaHome.toString()),
            "--version");

    assertThat(run.stdout()).isEqualTo("databricks-claude " + dist.versionInJar() + "\n");
    assertThat(run.exitCode()).isZero();
  }

  /**
   * A dist in a path with spaces: copied launcher and jar, linked runtime, the given cache bytes.
   */
  private Path copyOfDistWithAotCache(byte[] aotCache) throws IOException {
    Path copy = temp.resolve("copied dist");
    Files.createDirectories(copy.resolve("bin"));
    Files.createDirectories(copy.resolve("lib"));
    Files.copy(dist.launcher(), copy.resolve("bin/databricks-claude"));
    Files.copy(dist.jar(), copy.resolve("lib/databricks-claude.jar"));
    Files.createSymbolicLink(copy.resolve("runtime"), dist.home().resolve("runtime"));
    if (aotCache != null) {
      Files.write(copy.resolve("lib/databricks-claude.aot"), aotCache);
    }
    return copy;
  }

  private ProcessRun launch(Path command, Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", tools.toString());
    env.putAll(extraEnv);
    List<String> commandLine = new ArrayList<>();
    commandLine.add(command.toString());
    commandLine.addAll(List.of(args));
    return ProcessRun.of(commandLine, env, home, temp);
  }
}
