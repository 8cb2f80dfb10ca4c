package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.session.WebSearchSettings;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSearchSettingsTest {
  @TempDir Path root;
  private TestHome home;
  private StateFile state;

  @BeforeEach
  void setUp() {
    home = TestHome.create(root);
    state = new StateFile(home.home(), Log.discard());
  }

  private WebSearchSettings resolve(String... args) throws Exception {
    return WebSearchSettings.resolve(
        ArgParser.parse(Arrays.asList(args)).webSearchFlags(), state, Log.discard());
  }

  private String state() throws Exception {
    Path file = home.home().resolve(".claude/.databricks-claude.json");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void isOffWithDefaultsWhenNothingWasEverSaid() throws Exception {
    assertThat(resolve()).isEqualTo(new WebSearchSettings(false, "duckduckgo", 102400));
    assertThat(state()).doesNotContain("websearch");
  }

  @Test
  void givenFlagsAreSavedAndLaterRunsInheritThem() throws Exception {
    resolve("--with-websearch", "--websearch-backend=none", "--websearch-fetch-budget=5000");
    assertThat(state())
        .contains(
            "\"with_websearch\": true",
            "\"websearch_backend\": \"none\"",
            "\"websearch_fetch_budget\": 5000");
    assertThat(resolve()).isEqualTo(new WebSearchSettings(true, "none", 5000));
    assertThat(resolve("--with-websearch=false").enabled()).isFalse();
    assertThat(resolve().enabled()).isFalse();
  }

  @Test
  void nonPositiveBudgetMeansTheDefault() throws Exception {
    assertThat(resolve("--with-websearch", "--websearch-fetch-budget=0").fetchBudget())
        .isEqualTo(102400);
  }

  @Test
  void unknownBackendIsOneClearErrorAndIsNotSaved() throws Exception {
    assertThatThrownBy(() -> resolve("--with-websearch", "--websearch-backend=bing"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("unknown websearch backend \"bing\" (supported: duckduckgo, none)");
    assertThat(state()).doesNotContain("bing");
  }

  @Test
  void bannerNamesBackendAndBudgetOnSixLines() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    new WebSearchSettings(true, "duckduckgo", 102400)
        .printBanner(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(6);
    assertThat(text).contains("\"duckduckgo\"", "102400 bytes");
    ByteArrayOutputStream none = new ByteArrayOutputStream();
    new WebSearchSettings(false, "duckduckgo", 102400)
        .printBanner(new java.io.PrintStream(none, true, StandardCharsets.UTF_8));
    assertThat(none.size()).isZero();
  }

  @Test
  void detachedProxyGetsTheResolvedSettingsAsFlags() {
    assertThat(new WebSearchSettings(true, "none", 7).childArgs())
        .containsExactly(
            "--with-websearch=true", "--websearch-backend=none", "--websearch-fetch-budget=7");
    assertThat(new WebSearchSettings(false, "duckduckgo", 7).childArgs())
        .containsExactly("--with-websearch=false");
  }

  @Test
  void detachedProxyDoesNotSaveTheFlagsItWasStartedWith() throws Exception {
    resolve("--with-websearch");
    WebSearchSettings started =
        WebSearchSettings.resolve(
            ArgParser.parse(java.util.List.of("--with-websearch=false")).webSearchFlags(),
            state,
            Log.discard(),
            false);
    assertThat(started.enabled()).isFalse();
    assertThat(state()).contains("\"with_websearch\": true");
  }
}
