package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-file}: appended run after run, each run announced, capped like our own logs. */
class LogSetupTest {
  @TempDir Path root;
  private Environment environment;
  private Path file;

  @BeforeEach
  void setUp() {
    environment = TestEnvironments.plain(TestHome.create(root));
    file = root.resolve("dc.log");
  }

  private void runLogging(String line, String... flags) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--log-file", file.toString()));
    args.addAll(List.of(flags));
    Log log = LogSetup.open(ArgParser.parse(args), environment);
    log.debug(line);
  }

  @Test
  void eachRunAppendsAfterItsOwnHeaderLine() throws Exception {
    runLogging("first run's line");
    runLogging("second run's line", "--headless");

    List<String> lines = Files.readAllLines(file);
    String pid = "pid=" + ProcessHandle.current().pid();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("=== ")
        .endsWith(" databricks-claude " + BuildInfo.version() + " " + pid + " mode=wrapper ===");
    assertThat(lines.get(1)).endsWith(" first run's line");
    assertThat(lines.get(2)).endsWith(" " + pid + " mode=headless ===");
    assertThat(lines.get(3)).endsWith(" second run's line");
  }

  @Test
  void theModeSaysWhatRan() throws Exception {
    assertThat(LogSetup.header(ArgParser.parse(List.of("--print-env")), environment))
        .endsWith(" mode=print-env ===");
  }

  @Test
  void aNewFileIsPrivate() throws Exception {
    runLogging("x");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFileOverTheCapIsKeptAsTheOlderGenerationAndANewOneBegins() throws Exception {
    byte[] earlier = new byte[(int) LogSetup.MAX_FILE_BYTES + 1];
    java.util.Arrays.fill(earlier, (byte) 'x');
    Files.write(file, earlier);

    runLogging("after the rotation");

    assertThat(Files.size(root.resolve("dc.log.1"))).isEqualTo(earlier.length);
    assertThat(Files.readAllLines(file))
        .hasSize(2)
        .last()
        .asString()
        .endsWith(" after the rotation");
  }
}
