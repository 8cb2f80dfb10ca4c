package io.github.dbclaude.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.testkit.FakeReleaseApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateCheckTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Platform LINUX = new Platform("Linux", "amd64", false);
  private static final String PLATFORM = "linux-amd64";
  @TempDir Path home;
  private FakeReleaseApi api;
  private UpdateCache cache;

  @BeforeEach
  void setUp() throws IOException {
    api = FakeReleaseApi.start().answering(200, FakeReleaseApi.release("v0.11.0", false, PLATFORM));
    cache = UpdateCache.under(home);
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private UpdateCheck check(String current) {
    return new UpdateCheck(
        new ReleaseApi(api.base(), LINUX), cache, InstantSource.fixed(NOW), current, Log.discard());
  }

  @Test
  void cacheMissAsksTheApiFindsTheNewerReleaseAndCachesIt() throws Exception {
    UpdateCheck.Outcome outcome = check("0.10.0").check(true, DEADLINE);

    assertThat(outcome.updateAvailable()).isTrue();
    assertThat(outcome.fromCache()).isFalse();
    Release latest = outcome.latest().orElseThrow();
    assertThat(latest.version()).isEqualTo("0.11.0");
    assertThat(latest.releaseUrl()).isEqualTo("https://example.invalid/releases/v0.11.0");
    assertThat(latest.assetUrl()).endsWith("/databricks-claude-linux-amd64");
    assertThat(api.requests()).isEqualTo(1);
    assertThat(api.lastAccept).isEqualTo("application/vnd.github+json");
    assertThat(Files.readString(cache.path()))
        .isEqualTo(
            """
            {
              "checked_at": "2026-05-01T12:00:00Z",
              "latest_version": "0.11.0",
              "release_url": "https://example.invalid/releases/v0.11.0",
              "asset_url": "%s"
            }
            """
                .formatted(latest.assetUrl()));
  }

  @Test
  void freshCacheAnswersWithoutARequest() throws Exception {
    cache.write(
        new UpdateCache.Entry(NOW.minus(Duration.ofHours(23)), new Release("0.12.0", "u", "")));

    UpdateCheck.Outcome outcome = check("0.10.0").check(true, DEADLINE);

    assertThat(outcome.fromCache()).isTrue();
    assertThat(outcome.latest().orElseThrow().version()).isEqualTo("0.12.0");
    assertThat(api.requests()).isZero();
  }

  @Test
  void cacheOlderThanADayIsRefreshedFromTheApi() throws Exception {
    cache.write(
        new UpdateCache.Entry(NOW.minus(Duration.ofHours(25)), new Release("0.9.0", "u", "")));

    UpdateCheck.Outcome outcome = check("0.10.0").check(true, DEADLINE);

    assertThat(api.requests()).isEqualTo(1);
    assertThat(outcome.updateAvailable()).isTrue();
    assertThat(cache.read().orElseThrow())
        .isEqualTo(new UpdateCache.Entry(NOW, outcome.latest().orElseThrow()));
  }

  @Test
  void theUpdateCommandsCheckIgnoresAFreshCache() throws Exception {
    cache.write(new UpdateCache.Entry(NOW, new Release("0.10.0", "u", "")));

    UpdateCheck.Outcome outcome = check("0.10.0").check(false, DEADLINE);

    assertThat(api.requests()).isEqualTo(1);
    assertThat(outcome.updateAvailable()).isTrue();
  }

  @Test
  void sameOrOlderReleaseIsNoUpdate() throws Exception {
    assertThat(check("0.11.0").check(false, DEADLINE).updateAvailable()).isFalse();
    assertThat(check("v0.12.1").check(false, DEADLINE).updateAvailable()).isFalse();
  }

  @Test
  void preReleaseIsNoUpdateAndNotCached() throws Exception {
    api.answering(200, FakeReleaseApi.release("v9.0.0", true, PLATFORM));

    UpdateCheck.Outcome outcome = check("0.1.0").check(true, DEADLINE);

    assertThat(outcome.updateAvailable()).isFalse();
    assertThat(outcome.latest()).isEmpty();
    assertThat(cache.path()).doesNotExist();
  }

  @Test
  void malformedCacheIsIgnoredAndRewritten() throws Exception {
    Files.createDirectories(cache.path().getParent());
    Files.writeString(cache.path(), "{\"checked_at\": \"yesterday\", \"latest_version\": ");

    assertThat(cache.read()).isEmpty();
    UpdateCheck.Outcome outcome = check("0.10.0").check(true, DEADLINE);

    assertThat(outcome.updateAvailable()).isTrue();
    assertThat(cache.read()).map(UpdateCache.Entry::checkedAt).contains(NOW);
  }

  @Test
  void apiDownIsAnError() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    ReleaseApi down =
        new ReleaseApi(URI.create("http://127.0.0.1:" + closed + "/repos/o/r"), LINUX);

    assertThatThrownBy(() -> down.latest(DEADLINE))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot reach 127.0.0.1");
  }

  @Test
  void slowApiFailsWithinTheDeadline() {
    api.slow(Duration.ofSeconds(20));
    long start = System.nanoTime();

    assertThatThrownBy(() -> check("0.1.0").check(true, Duration.ofMillis(300)))
        .isInstanceOf(IOException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(cache.path()).doesNotExist();
  }

  @Test
  void garbageOrNon200AnswersAreErrors() {
    api.answering(200, "<html>rate limited</html>");
    assertThatThrownBy(() -> check("0.1.0").check(true, DEADLINE))
        .hasMessageStartingWith("release API answer is not JSON");
    api.answering(200, "[1,2]");
    assertThatThrownBy(() -> check("0.1.0").check(true, DEADLINE))
        .hasMessage("release API answer is not a JSON object");
    api.answering(200, "{\"name\":\"x\"}");
    assertThatThrownBy(() -> check("0.1.0").check(true, DEADLINE))
        .hasMessage("release API answer has no tag_name");
    api.answering(503, "{}");
    assertThatThrownBy(() -> check("0.1.0").check(true, DEADLINE))
        .hasMessage("release API returned 503");
  }

  @Test
  void releasesUrlComesFromTheEnvironmentOrTheDefault() {
    assertThat(ReleaseApi.of("", LINUX).latestUrl())
        .isEqualTo(URI.create(ReleaseApi.DEFAULT_BASE + "/releases/latest"));
    assertThat(ReleaseApi.of("http://127.0.0.1:9/repos/me/fork/", LINUX).latestUrl())
        .isEqualTo(URI.create("http://127.0.0.1:9/repos/me/fork/releases/latest"));
  }

  @Test
  void homebrewIsRecognisedByItsCellarOrPrefixAfterResolvingLinks() throws Exception {
    Path cellar =
        Files.createDirectories(home.resolve("opt/Homebrew/Cellar/databricks-claude/1.0/bin"));
    Path real = Files.writeString(cellar.resolve("databricks-claude"), "#!/bin/sh\n");
    Path link = Files.createSymbolicLink(home.resolve("databricks-claude"), real);

    assertThat(Homebrew.installed(link)).isTrue();
    assertThat(Homebrew.installed(Path.of("/usr/local/Cellar/databricks-claude/bin/x"))).isTrue();
    assertThat(Homebrew.installed(Path.of("/home/linuxbrew/.linuxbrew/HOMEBREW/x"))).isTrue();
    assertThat(Homebrew.installed(Path.of("/opt/databricks-claude/bin/databricks-claude")))
        .isFalse();
    assertThat(Optional.of(home.resolve("plain"))).map(Homebrew::installed).contains(false);
  }
}
