package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabricksCliTest {
  private static final String SECRET = "dapiSECRET0123456789";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;
  private FakeDatabricksCli fake;
  private DatabricksCli cli;

  @BeforeEach
  void setUp() {
    fake =
        FakeDatabricksCli.create(tmp.resolve("bin"), "https://adb-1.azuredatabricks.net", SECRET);
    cli = cliAt(fake.executable().toString());
  }

  private DatabricksCli cliAt(String executable) {
    return new DatabricksCli(executable, System.getenv(), Log.discard(), InstantSource.fixed(NOW));
  }

  @Test
  void fetchesTokenWithExactArgvAndRfc3339Expiry() throws IOException {
    fake.expiry("2030-05-01T10:20:30Z");
    Token token = cli.authToken("work");
    assertThat(token.value()).isEqualTo(SECRET);
    assertThat(token.expiry()).isEqualTo(Instant.parse("2030-05-01T10:20:30Z"));
    assertThat(fake.calls()).containsExactly("auth token --profile work");
  }

  @Test
  void acceptsRfc3339WithFractionalSecondsAndOffset() throws IOException {
    fake.expiry("2030-05-01T10:20:30.123456789+02:00");
    assertThat(cli.authToken("p").expiry())
        .isEqualTo(Instant.parse("2030-05-01T08:20:30.123456789Z"));
  }

  @Test
  void acceptsUnixSecondsExpiry() throws IOException {
    fake.expiry("1900000000");
    assertThat(cli.authToken("p").expiry()).isEqualTo(Instant.ofEpochSecond(1_900_000_000L));
  }

  @Test
  void missingExpiryMeansFiftyFiveMinutesFromNow() throws IOException {
    fake.tokenOutput("{\"access_token\":\"" + SECRET + "\",\"token_type\":\"Bearer\"}");
    assertThat(cli.authToken("p").expiry()).isEqualTo(NOW.plus(Duration.ofMinutes(55)));
  }

  @Test
  void unparsableExpiryMeansFiftyFiveMinutesFromNow() throws IOException {
    fake.expiry("next tuesday");
    assertThat(cli.authToken("p").expiry()).isEqualTo(NOW.plus(Duration.ofMinutes(55)));
  }

  @Test
  void garbageOutputIsAnInvalidJsonErrorWithoutTheOutput() {
    fake.tokenOutput("Token: " + SECRET + "\n");
    assertThatThrownBy(() -> cli.authToken("p"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("failed to parse token response: invalid JSON")
        .hasMessageContaining(" — ")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void truncatedJsonIsAnErrorWithoutTheToken() {
    fake.tokenOutput("{\"access_token\":\"" + SECRET + "\",\"expiry\":");
    assertThatThrownBy(() -> cli.authToken("p"))
        .hasMessageStartingWith("failed to parse token response: invalid JSON")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void emptyAccessTokenIsAnError() {
    fake.tokenOutput("{\"access_token\":\"\",\"expiry\":\"2030-01-01T00:00:00Z\"}");
    assertThatThrownBy(() -> cli.authToken("p"))
        .hasMessageStartingWith("empty access_token in response");
  }

  @Test
  void nonZeroExitIsAnErrorNamingTheStatusAndTheFix() {
    fake.failTokenUntilLogin();
    assertThatThrownBy(() -> cli.authToken("work"))
        .hasMessage(
            "databricks auth token failed: exit status 1 — run 'databricks auth login --profile"
                + " work'");
  }

  @Test
  void missingExecutableSaysHowToInstall() {
    DatabricksCli missing = cliAt(tmp.resolve("nope/databricks").toString());
    assertThatThrownBy(() -> missing.authToken("p"))
        .hasMessageStartingWith("databricks auth token failed: cannot run")
        .hasMessageContaining("install the Databricks CLI");
  }

  @Test
  void chattyStderrDoesNotDeadlock() throws IOException {
    fake.stderrKib(2048);
    assertThat(cli.authToken("p").value()).isEqualTo(SECRET);
  }

  @Test
  void hangingCliTimesOutAfterTenSecondsAndItsChildIsKilled() {
    fake.hangSeconds(60);
    long start = System.nanoTime();
    assertThatThrownBy(() -> cli.authToken("work"))
        .hasMessage(
            "databricks auth token timed out after 10s — check your network or run 'databricks"
                + " auth login --profile work'");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(15));
    assertThat(fake.hangChildPids()).hasSize(1);
    assertDead(fake.hangChildPids().getFirst());
  }

  static void assertDead(long pid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("process %d still alive", pid).isLessThan(deadline);
      sleepBriefly();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void discoversHostWithExactArgv() throws IOException {
    assertThat(cli.discoverHost("work")).isEqualTo("https://adb-1.azuredatabricks.net");
    assertThat(fake.calls()).containsExactly("auth env --profile work --output json");
  }

  @Test
  void hostDiscoveryWithoutHostIsAnErrorWithoutOtherEnvValues() {
    fake.envOutput("{\"env\":{\"DATABRICKS_TOKEN\":\"" + SECRET + "\"}}");
    assertThatThrownBy(() -> cli.discoverHost("p"))
        .hasMessageStartingWith("DATABRICKS_HOST not found in auth env response")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void hostDiscoveryWithEmptyHostIsAnError() {
    fake.envOutput("{\"env\":{\"DATABRICKS_HOST\":\"\"}}");
    assertThatThrownBy(() -> cli.discoverHost("p"))
        .hasMessageStartingWith("DATABRICKS_HOST not found in auth env response");
  }

  @Test
  void hostDiscoveryWithGarbageIsAParseError() {
    fake.envOutput("DATABRICKS_TOKEN=" + SECRET);
    assertThatThrownBy(() -> cli.discoverHost("p"))
        .hasMessageStartingWith("failed to parse auth env response: invalid JSON")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void hostDiscoveryWhenCliExitsOneIsAnError() {
    fake.failEnv();
    assertThatThrownBy(() -> cli.discoverHost("p"))
        .hasMessageStartingWith("databricks auth env failed: exit status 1");
  }

  @Test
  void authCheckPassesWhenOutputMentionsAccessToken() {
    assertThat(cli.isAuthenticated("p")).isTrue();
  }

  @Test
  void authCheckFailsWithoutAccessTokenInOutput() {
    fake.tokenOutput("{\"error\":\"no token\"}");
    assertThat(cli.isAuthenticated("p")).isFalse();
  }

  @Test
  void authCheckFailsWhenCommandFails() {
    fake.failTokenUntilLogin();
    assertThat(cli.isAuthenticated("p")).isFalse();
  }

  @Test
  void authCheckOfMissingCliIsNotAuthenticated() {
    assertThat(cliAt(tmp.resolve("none/databricks").toString()).isAuthenticated("p")).isFalse();
  }

  @Test
  void loginSendsStdoutWhereToldAndPassesHost() throws IOException {
    Path out = tmp.resolve("login.out");
    int status =
        cli.login("work", Optional.of("https://h"), ProcessBuilder.Redirect.to(out.toFile()));
    assertThat(status).isZero();
    assertThat(Files.readString(out)).contains("Opening browser for login (fake)");
    assertThat(fake.calls()).containsExactly("auth login --profile work --host https://h");
  }

  @Test
  void loginReturnsTheExitStatus() throws IOException {
    fake.loginExit(3);
    Path out = tmp.resolve("login.out");
    assertThat(cli.login("p", Optional.empty(), ProcessBuilder.Redirect.to(out.toFile())))
        .isEqualTo(3);
    assertThat(fake.calls()).isEqualTo(List.of("auth login --profile p"));
  }

  @Test
  void versionIsTheFirstLineOfDashDashVersion() throws IOException {
    fake.version("0.250.0");
    assertThat(cli.version()).isEqualTo("Databricks CLI v0.250.0");
    assertThat(fake.calls()).containsExactly("--version");
  }

  @Test
  void forceRefreshAddsTheFlagAndGetsTheNextToken() throws IOException {
    cli.authToken("work");
    fake.token("dapiNEXT");
    assertThat(cli.authToken("work").value()).as("the CLI's cached token").isEqualTo(SECRET);
    assertThat(cli.forceRefresh("work").value()).isEqualTo("dapiNEXT");
    assertThat(fake.calls()).last().isEqualTo("auth token --profile work --force-refresh");
  }

  @Test
  void forceRefreshOnACliBefore0296SaysItIsUnsupported() {
    fake.version(FakeDatabricksCli.OLD_VERSION);
    assertThatThrownBy(() -> cli.forceRefresh("work"))
        .isInstanceOf(DatabricksCli.ForceRefreshUnsupported.class);
  }
}
