package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliLocatorTest {
  @TempDir Path tmp;

  private Path file(String relative, String mode) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    return p;
  }

  private CliLocator locator(Map<String, String> env, Path... probeDirs) {
    return new CliLocator(env, List.of(probeDirs));
  }

  @Test
  void absolutePathIsReturnedUnchangedEvenIfMissing() {
    assertThat(new CliLocator(Map.of(), tmp).locate("/usr/local/bin/databricks"))
        .isEqualTo("/usr/local/bin/databricks");
  }

  @Test
  void relativePathWithSeparatorIsReturnedUnchanged() {
    assertThat(locator(Map.of()).locate("tools/databricks")).isEqualTo("tools/databricks");
  }

  @Test
  void executableDatabricksCliVariableWins() throws IOException {
    Path cli = file("custom/dbx", "rwxr-xr-x");
    Path onPath = file("path/databricks", "rwxr-xr-x");
    Map<String, String> env =
        Map.of("DATABRICKS_CLI", cli.toString(), "PATH", onPath.getParent().toString());
    assertThat(locator(env).locate("databricks")).isEqualTo(cli.toString());
  }

  @Test
  void nonExecutableDatabricksCliVariableIsIgnored() throws IOException {
    Path cli = file("custom/dbx", "rw-r--r--");
    Path onPath = file("path/databricks", "rwxr-xr-x");
    Map<String, String> env =
        Map.of("DATABRICKS_CLI", cli.toString(), "PATH", onPath.getParent().toString());
    assertThat(locator(env).locate("databricks")).isEqualTo(onPath.toString());
  }

  @Test
  void pathLookupUsesTheGivenEnvironment() throws IOException {
    Path onPath = file("path/databricks", "rwxr-xr-x");
    Path probed = file("probe/databricks", "rwxr-xr-x");
    Map<String, String> env = Map.of("PATH", "/nonexistent:" + onPath.getParent());
    assertThat(locator(env, probed.getParent()).locate("databricks")).isEqualTo(onPath.toString());
  }

  @Test
  void withEmptyPathTheHomeLocalBinIsFoundByTheDefaultProbe() throws IOException {
    Path home = tmp.resolve("home");
    Path cli = file("home/.local/bin/databricks", "rwxr-xr-x");
    CliLocator locator = new CliLocator(Map.of("PATH", ""), home);
    // A real /usr/local/bin/databricks on this machine would legitimately win; skip that case.
    if (!CliLocator.isExecutable(Path.of("/usr/local/bin/databricks"))
        && !CliLocator.isExecutable(Path.of("/opt/homebrew/bin/databricks"))
        && !CliLocator.isExecutable(Path.of("/opt/homebrew/sbin/databricks"))) {
      assertThat(locator.locate("databricks")).isEqualTo(cli.toString());
    }
    assertThat(CliLocator.defaultProbeDirs(home))
        .containsExactly(
            Path.of("/usr/local/bin"),
            Path.of("/opt/homebrew/bin"),
            Path.of("/opt/homebrew/sbin"),
            home.resolve(".local/bin"),
            home.resolve("go/bin"),
            home.resolve("bin"));
  }

  @Test
  void customProbeDirectoriesAreHonouredInOrder() throws IOException {
    Path first = file("a/databricks", "rw-r--r--");
    Path second = file("b/databricks", "rwxr-xr-x");
    Path third = file("c/databricks", "rwxr-xr-x");
    assertThat(
            locator(Map.of(), first.getParent(), second.getParent(), third.getParent())
                .locate("databricks"))
        .isEqualTo(second.toString());
  }

  @Test
  void directoryNamedLikeTheCliIsSkipped() throws IOException {
    Files.createDirectories(tmp.resolve("a/databricks"));
    assertThat(locator(Map.of(), tmp.resolve("a")).locate("databricks")).isEqualTo("databricks");
  }

  @Test
  void nothingFoundGivesTheBareName() {
    assertThat(locator(Map.of("PATH", tmp.toString()), tmp.resolve("x")).locate("databricks"))
        .isEqualTo("databricks");
  }

  @Test
  void emptyNameMeansDatabricks() throws IOException {
    Path cli = file("p/databricks", "rwxr-xr-x");
    assertThat(locator(Map.of()).locate("")).isEqualTo("databricks");
    assertThat(locator(Map.of(), cli.getParent()).locate(null)).isEqualTo(cli.toString());
  }

  @Test
  void executableCheckNeedsARegularFileWithAnExecuteBit() throws IOException {
    assertThat(CliLocator.isExecutable(file("x/a", "rwxr-xr-x"))).isTrue();
    assertThat(CliLocator.isExecutable(file("x/b", "rw-r--r-x"))).isTrue();
    assertThat(CliLocator.isExecutable(file("x/c", "rw-r--r--"))).isFalse();
    assertThat(CliLocator.isExecutable(tmp.resolve("x/missing"))).isFalse();
    assertThat(CliLocator.isExecutable(tmp.resolve("x"))).isFalse();
  }
}
