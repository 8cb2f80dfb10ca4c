package io.github.dbclaude.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.CappedLogFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential helper flow against a fake Databricks CLI. */
class CredentialHelperTest {
  private static final String TOKEN = "dapi-helper-secret-0123456789abcdefghij";
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path logFile;

  @BeforeEach
  void setUp() throws Exception {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("cli"), "https://ws.example.com", TOKEN);
    new StateFile(home.home(), Log.discard())
        .update(s -> s.withDatabricksCliPath(cli.executable().toString()));
    logFile = HelperLog.defaultPath(home.home(), new Platform("Linux", "amd64", false));
    Files.writeString(home.home().resolve(".databrickscfg"), "[DEFAULT]\n[ws]\n[fleet]\n");
  }

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

  private String token(String flag, ManagedProfile mdm) throws UserFacingException {
    try (HelperLog log = HelperLog.open(logFile, Clock.system(ZoneId.systemDefault()))) {
      return new CredentialHelper(
              home.home(),
              home.environment(root.resolve("no-bin")),
              mdm,
              log,
              new PrintStream(err, true, StandardCharsets.UTF_8),
              ProcessBuilder.Redirect.DISCARD,
              now::get)
          .token(flag, List.of());
    }
  }

  private String log() throws Exception {
    return Files.readString(logFile);
  }

  @Test
  void warmPathReturnsTheTokenWithoutLogin() throws Exception {
    assertThat(token("", () -> "")).isEqualTo(TOKEN);
    assertThat(cli.calls()).containsExactly("auth token --profile DEFAULT");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aRunMomentsAfterTheLastTakesTheTokenAsRejectedAndForcesOneRefresh() throws Exception {
    assertThat(token("", () -> "")).isEqualTo(TOKEN);
    cli.token("dapi-helper-renewed-9876543210");
    now.set(now.get().plusSeconds(2));

    assertThat(token("", () -> "")).isEqualTo("dapi-helper-renewed-9876543210");
    now.set(now.get().plusSeconds(2));
    assertThat(token("", () -> ""))
        .as("a replacement asked for again is not replaced in a loop")
        .isEqualTo("dapi-helper-renewed-9876543210");

    assertThat(cli.forcedRefreshes()).isEqualTo(1);
    assertThat(log()).doesNotContain(TOKEN).doesNotContain("dapi-helper-renewed");
  }

  @Test
  void aFailedForcedRefreshIsHandledLikeAFailedFetch() throws Exception {
    token("ws", () -> "");
    cli.failTokenUntilLogin(); // the CLI's cached token still works; refreshing it does not
    now.set(now.get().plusSeconds(2));

    assertThat(token("ws", () -> "")).isEqualTo(TOKEN);

    assertThat(log()).contains("replacing the rejected token failed: databricks auth token failed");
    assertThat(cli.calls().getLast()).isEqualTo("auth token --profile ws");
  }

  @Test
  void aRunAfterDesktopsTtlIsNoRejection() throws Exception {
    token("", () -> "");
    cli.token("dapi-helper-renewed-9876543210");
    now.set(now.get().plusSeconds(DesktopConfig.HELPER_TTL_SECONDS));

    assertThat(token("", () -> "")).isEqualTo(TOKEN);
    assertThat(cli.forcedRefreshes()).isZero();
  }

  @Test
  void anOldCliCannotReplaceTheRejectedTokenAndTheLogSaysWhatToDo() throws Exception {
    cli.version(FakeDatabricksCli.OLD_VERSION);
    token("ws", () -> "");
    now.set(now.get().plusSeconds(2));

    assertThat(token("ws", () -> "")).isEqualTo(TOKEN);

    assertThat(cli.calls()).noneMatch(c -> c.contains("--force-refresh"));
    assertThat(log())
        .contains(
            "your Databricks CLI 0.295.0 cannot force a token refresh; upgrade to 0.296.0 or"
                + " newer, or run `databricks auth login --profile ws`");
  }

  @Test
  void racingHelpersAndProxiesOnARejectedTokenCauseExactlyOneForcedRefresh() throws Exception {
    token("ws", () -> ""); // Desktop got the token that is about to be rejected
    List<CachingTokenSource> proxies = new ArrayList<>();
    try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 2; i++) {
        DatabricksCli databricks =
            new DatabricksCli(cli.executable().toString(), System.getenv(), Log.discard());
        CachingTokenSource proxy =
            new CachingTokenSource(
                TokenSources.of(
                    new AuthSource.Cli(), databricks, "ws", home.home(), now::get, Log.discard()),
                now::get,
                background,
                Log.discard());
        proxy.seed();
        proxies.add(proxy);
      }
      cli.token("dapi-helper-renewed-9876543210");
      now.set(now.get().plusSeconds(2));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return token("ws", () -> "");
                }));
      }
      for (CachingTokenSource proxy : proxies) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  proxy.invalidate(proxy.token());
                  return proxy.token().value();
                }));
      }
      go.countDown();
      for (Future<String> answer : answers) {
        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo("dapi-helper-renewed-9876543210");
      }
    }
    assertThat(cli.forcedRefreshes()).isEqualTo(1);
  }

  @Test
  void aCorruptStateFileIsAnErrorNotASilentSwitchToTheDefaultProfile() throws Exception {
    Files.createDirectories(home.stateFile().getParent());
    Files.writeString(home.stateFile(), "{\"profile\": \"wor");

    assertThatThrownBy(() -> token("", () -> ""))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(".databricks-claude.json")
        .hasMessageContaining("fix or delete it");
    assertThat(cli.calls()).isEmpty();
  }

  @Test
  void aProfileWithAPersonalAccessTokenNeedsNoCli() throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[ci]\nhost = https://ws.example.com\ntoken = dapi-pat-from-profile-42\n");

    assertThat(token("ci", () -> "")).isEqualTo("dapi-pat-from-profile-42");
    assertThat(cli.calls()).isEmpty();
    assertThat(log()).doesNotContain("dapi-pat-from-profile-42");
  }

  @Test
  void recoversByLoggingInWhenTheFirstTokenFetchFails() throws Exception {
    cli.failTokenUntilLogin();

    assertThat(token("ws", () -> "")).isEqualTo(TOKEN);

    assertThat(cli.calls()).contains("auth login --profile ws");
    assertThat(cli.calls().getLast()).isEqualTo("auth token --profile ws");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("not authenticated for profile \"ws\", opening browser login");
  }

  @Test
  void aProfileTheCliDoesNotKnowIsNeverLoggedIn() {
    cli.failTokenUntilLogin();

    assertThatThrownBy(() -> token("wss", () -> ""))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(
            "profile \"wss\" is not in ~/.databrickscfg (its profiles: DEFAULT, ws, fleet)");
    assertThat(cli.calls()).noneMatch(c -> c.startsWith("auth login"));
  }

  @Test
  void failedLoginIsReportedAsAuthenticationFailure() {
    cli.failTokenUntilLogin().loginExit(1);

    assertThatThrownBy(() -> token("ws", () -> ""))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("credential helper authentication failed: ")
        .hasMessageContaining("databricks auth login failed: exit status 1");
  }

  @Test
  void blankTokenIsAnError() {
    cli.tokenOutput("{\"access_token\":\"   \",\"expiry\":\"2099-01-01T00:00:00Z\"}");

    assertThatThrownBy(() -> token("", () -> ""))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("credential helper got empty token");
  }

  @Test
  void logRecordsInvocationProfileAndTokenLengthButNeverTheToken() throws Exception {
    cli.failTokenUntilLogin();
    token("", () -> "fleet");

    String log = log();
    assertThat(log)
        .contains("invoked args=[]")
        .contains(" HOME=" + home.home())
        .contains("profile=fleet (from MDM) cli=" + cli.executable())
        .contains("attempt 1 failed")
        .contains("attempt 2:")
        .contains("token length=" + TOKEN.length() + " expiry=2099-01-01T00:00:00Z")
        .doesNotContain(TOKEN)
        .doesNotContain(TOKEN.substring(0, 8));
    assertThat(log.lines())
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z pid=\\d+ ppid=\\d+ .*"));
    assertThat(Files.getPosixFilePermissions(logFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void logIsAppendedAcrossRuns() throws Exception {
    token("", () -> "");
    token("", () -> "");
    assertThat(log().lines().filter(l -> l.contains("invoked"))).hasSize(2);
  }

  @Test
  void aLogOverItsCapIsRotatedBeforeTheRunAppends() throws Exception {
    Files.createDirectories(logFile.getParent());
    byte[] earlier = new byte[(int) CappedLogFile.MAX_BYTES + 1];
    java.util.Arrays.fill(earlier, (byte) 'x');
    Files.write(logFile, earlier);

    token("", () -> "");

    assertThat(Files.size(CappedLogFile.rotated(logFile))).isEqualTo(earlier.length);
    assertThat(log()).doesNotContain("xxx").contains("invoked");
    assertThat(Files.size(logFile)).isLessThan(10_000);
  }

  @Test
  void unwritableLogDirectoryDoesNotStopTheHelper() throws Exception {
    Path cache = home.home().resolve(".cache");
    Files.writeString(cache, "a file where the log directory should be");

    assertThat(token("", () -> "")).isEqualTo(TOKEN);
    assertThat(Files.isRegularFile(cache)).isTrue();
  }

  @Test
  void profileFlagBeatsStateAndMdm() {
    assertThat(HelperProfile.resolve("flag", "fevm", () -> "fleet").name()).isEqualTo("flag");
  }

  @Test
  void defaultInStateIsASentinelThatLetsMdmDecide() {
    assertThat(HelperProfile.resolve("", "DEFAULT", () -> "fleet-profile").name())
        .isEqualTo("fleet-profile");
    assertThat(HelperProfile.resolve("", "DEFAULT", () -> "").name()).isEqualTo("DEFAULT");
    assertThat(HelperProfile.resolve("", "", () -> "").name()).isEqualTo("DEFAULT");
  }

  @Test
  void realStateProfileBeatsMdm() {
    assertThat(HelperProfile.resolve("", "fevm", () -> "fleet").name()).isEqualTo("fevm");
  }

  @Test
  void mdmIsNotConsultedWhenTheStateDecides() {
    ManagedProfile exploding =
        () -> {
          throw new AssertionError("MDM read although the state file had a profile");
        };
    assertThat(HelperProfile.resolve("", "fevm", exploding).name()).isEqualTo("fevm");
  }

  @Test
  void stderrRedirectPointsAtTheProcessStderrWhenItCanBeReopened() {
    ProcessBuilder.Redirect r = CredentialHelper.stderrRedirect();
    assertThat(r.type()).isEqualTo(ProcessBuilder.Redirect.Type.APPEND);
    assertThat(r.file()).isEqualTo(new java.io.File("/dev/fd/2"));
  }
}
