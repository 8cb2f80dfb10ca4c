package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeReleaseApi;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.update.Release;
import io.github.dbclaude.update.UpdateCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update} and the start-up notice against a local fake release API. */
class UpdateCommandTest {
  @TempDir Path root;
  private TestHome home;
  private FakeReleaseApi api;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    home = TestHome.create(root);
    api =
        FakeReleaseApi.start()
            .answering(200, FakeReleaseApi.release("v99.0.0", false, "linux-amd64"));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private Environment environment(Map<String, String> extra, Optional<Path> launcher) {
    Map<String, String> env = new HashMap<>(home.environment(root.resolve("no-bin")));
    env.remove(Updates.OPT_OUT_ENV);
    env.put("DATABRICKS_CLAUDE_RELEASES_URL", api.base().toString());
    env.putAll(extra);
    return new Environment(
        env,
        home.home(),
        home.tmpDir(),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "databricks-claude",
        launcher,
        Clock.systemUTC());
  }

  private int update(Map<String, String> extra, Optional<Path> launcher) {
    return Main.run(List.of("update"), environment(extra, launcher));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void updateNamesTheNewerReleaseAndWhereToGetIt() {
    assertThat(update(Map.of(), Optional.of(root.resolve("opt/dc/bin/databricks-claude"))))
        .isZero();

    assertThat(err())
        .isEqualTo(
            "Update available: v99.0.0. Download from: https://example.invalid/releases/v99.0.0\n");
  }

  @Test
  void updateSuggestsBrewForAHomebrewInstall() throws Exception {
    Path cellar = Files.createDirectories(root.resolve("homebrew/Cellar/databricks-claude/1/bin"));
    assertThat(update(Map.of(), Optional.of(cellar.resolve("databricks-claude")))).isZero();

    assertThat(err()).isEqualTo("Update available: v99.0.0. Run: brew upgrade databricks-claude\n");
  }

  @Test
  void updateAsksTheApiEvenWithAFreshCache() throws Exception {
    UpdateCache.under(home.home())
        .write(new UpdateCache.Entry(Instant.now(), new Release(BuildInfo.version(), "u", "")));
    api.answering(200, FakeReleaseApi.release("v0.0.1", false, "linux-amd64"));

    assertThat(update(Map.of(), Optional.empty())).isZero();

    assertThat(api.requests()).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "databricks-claude v" + BuildInfo.version() + " is already the latest version\n");
  }

  @Test
  void updateFailsWithExitOneWhenTheApiIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    int status =
        update(
            Map.of("DATABRICKS_CLAUDE_RELEASES_URL", "http://127.0.0.1:" + closed + "/r"),
            Optional.empty());

    assertThat(status).isEqualTo(1);
    assertThat(err())
        .startsWith("databricks-claude: update check failed: cannot reach 127.0.0.1")
        .hasLineCount(1);
  }

  @Test
  void updateRespectsTheOptOutVariableWithoutAsking() {
    assertThat(update(Map.of(Updates.OPT_OUT_ENV, "1"), Optional.empty())).isZero();

    assertThat(err())
        .isEqualTo("databricks-claude: update check disabled via DATABRICKS_NO_UPDATE_CHECK\n");
    assertThat(api.requests()).isZero();
  }

  @Test
  void noticeNamesTheNewerReleaseAndCachesTheAnswer() {
    Environment environment = environment(Map.of(), Optional.empty());
    UpdateNotice.start(new WrapperOptions(), environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());

    assertThat(err())
        .isEqualTo(
            "databricks-claude: update available (v99.0.0). Run: databricks-claude update\n");
    assertThat(UpdateCache.under(home.home()).path()).exists();
  }

  @Test
  void noticeIsSilentForTheSameVersionAndWhenSwitchedOff() {
    api.answering(200, FakeReleaseApi.release("v" + BuildInfo.version(), false, "linux-amd64"));
    Environment environment = environment(Map.of(), Optional.empty());
    WrapperOptions off = new WrapperOptions();
    off.noUpdateCheck = true;

    UpdateNotice.start(new WrapperOptions(), environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());
    UpdateNotice.start(off, environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());
    Environment optedOut = environment(Map.of(Updates.OPT_OUT_ENV, "1"), Optional.empty());
    UpdateNotice.start(new WrapperOptions(), optedOut, io.github.dbclaude.log.Log.discard())
        .print(optedOut, io.github.dbclaude.log.Log.discard());

    assertThat(err()).doesNotContain("update available");
    assertThat(api.requests()).isEqualTo(1);
  }

  @Test
  void noticeFromAFreshCacheNeedsNoRequest() throws Exception {
    UpdateCache.under(home.home())
        .write(new UpdateCache.Entry(Instant.now(), new Release("98.0.0", "u", "")));
    Environment environment = environment(Map.of(), Optional.empty());

    UpdateNotice.start(new WrapperOptions(), environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());

    assertThat(err()).contains("update available (v98.0.0)");
    assertThat(api.requests()).isZero();
  }

  @Test
  void slowApiNeverHoldsTheSessionPastTheBudget() {
    api.slow(Duration.ofSeconds(30));
    Environment environment = environment(Map.of(), Optional.empty());
    long start = System.nanoTime();

    UpdateNotice.start(new WrapperOptions(), environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(UpdateNotice.BUDGET.plusMillis(500));
    assertThat(err()).isEmpty();
  }

  @Test
  void garbageFromTheApiIsNoNotice() {
    api.answering(200, "<html>oops</html>");
    Environment environment = environment(Map.of(), Optional.empty());

    UpdateNotice.start(new WrapperOptions(), environment, io.github.dbclaude.log.Log.discard())
        .print(environment, io.github.dbclaude.log.Log.discard());

    assertThat(err()).isEmpty();
    assertThat(api.requests()).isEqualTo(1);
  }
}
