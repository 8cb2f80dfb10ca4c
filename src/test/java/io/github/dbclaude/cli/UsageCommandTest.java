package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.usage.TokenCounts;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsageRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {
  @TempDir Path root;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(TestHome home, Map<String, String> env, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("usage"));
    argv.addAll(List.of(args));
    return Main.run(argv, TestEnvironments.captured(env, home, out, err));
  }

  private int run(TestHome home, String... args) {
    return run(home, home.environment(home.home().resolve("no-bin")), args);
  }

  private static UsageRecord record(String model, int status, long input, long cacheRead) {
    return new UsageRecord(
        Instant.now().minusSeconds(60),
        "s1",
        model,
        status,
        "",
        500,
        40,
        new TokenCounts(input, 10, 0, cacheRead),
        false,
        true);
  }

  @Test
  void showsTodayAndTheLastSevenDaysByModel() throws Exception {
    TestHome home = TestHome.create(root);
    try (UsageDatabase db =
        UsageDatabase.open(UsageCommand.database(TestEnvironments.plain(home)))) {
      db.insert(
          List.of(
              record("databricks-claude-sonnet", 200, 100, 300),
              record("databricks-claude-sonnet", 529, 0, 0),
              record("databricks-claude-opus", 200, 50, 0)),
          1);
    }

    assertThat(run(home)).isZero();

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("Today (").contains("Last 7 days (since ");
    assertThat(text.lines().filter(l -> l.contains("databricks-claude-sonnet")))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l.split("\\s+")).contains("2", "100", "20", "300", "75%", "1"));
    assertThat(text).doesNotContain("Budget");
  }

  @Test
  void sayNoRequestsWhenNothingWasRecorded() {
    TestHome home = TestHome.create(root);

    assertThat(run(home, "--by", "session")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("no requests");
    assertThat(Files.exists(UsageCommand.database(TestEnvironments.plain(home)))).isFalse();
  }

  @Test
  void badFlagValuesAreUsageErrors() {
    TestHome home = TestHome.create(root);

    assertThat(run(home, "--since", "yesterday")).isEqualTo(2);
    assertThat(run(home, "--by", "week")).isEqualTo(2);
    assertThat(run(home, "--retention", "12h")).isEqualTo(2);
    assertThat(run(home, "--color")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--since takes a number of days such as 30d", "--by takes day, model or session");
  }

  @Test
  void retentionIsStoredInTheDatabase() throws Exception {
    TestHome home = TestHome.create(root);

    assertThat(run(home, "--retention=30d")).isZero();

    try (UsageDatabase db =
        UsageDatabase.openExisting(UsageCommand.database(TestEnvironments.plain(home)))
            .orElseThrow()) {
      assertThat(db.retentionDays()).isEqualTo(30);
    }
  }

  @Test
  void showsTheBudgetWhenTheWorkspaceHasOneAndSaysWhyNotUnderVerbose() throws Exception {
    TestHome home = TestHome.create(root);
    try (ScriptedGateway gateway = ScriptedGateway.start()) {
      Files.writeString(
          home.home().resolve(".databrickscfg"),
          "[DEFAULT]\nhost = " + gateway.baseUrl() + "\ntoken = dapi-budget-test\n");
      Map<String, String> env = home.environment(home.home().resolve("no-bin"));

      assertThat(run(home, env, "-v")).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("no budget line: the workspace answered HTTP 404")
          .doesNotContain("dapi-budget-test");

      gateway.budget("{\"current_spend\":\"12.50\",\"effective_threshold\":\"100.00\"}");
      out.reset();
      assertThat(run(home, env, "--json")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("\"current_spend\": \"12.50\"", "\"effective_threshold\": \"100.00\"");
      out.reset();
      assertThat(run(home, env)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Budget: 12.50 of 100.00 spent (13%)");
      assertThat(gateway.requests().getLast().body())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("{\"available_models\": []}");
    }
  }

  @Test
  void durationsAcceptDaysWeeksAndHours() throws Exception {
    assertThat(UsageCommand.days("30d", "--since")).isEqualTo(Duration.ofDays(30));
    assertThat(UsageCommand.days("2w", "--since")).isEqualTo(Duration.ofDays(14));
    assertThat(UsageCommand.days("12h", "--since")).isEqualTo(Duration.ofHours(12));
  }
}
