package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {
  private static final String SECRET = "dapiAUTHSECRET9";

  @TempDir Path tmp;
  private FakeDatabricksCli fake;
  private DatabricksCli cli;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private Path loginOut;

  @BeforeEach
  void setUp() {
    fake = FakeDatabricksCli.create(tmp.resolve("bin"), "https://h", SECRET);
    cli = new DatabricksCli(fake.executable().toString(), System.getenv(), Log.discard());
    loginOut = tmp.resolve("login.out");
  }

  private void ensure() throws UserFacingException {
    Authenticator.ensureAuthenticated(
        cli, "work", err, ProcessBuilder.Redirect.to(loginOut.toFile()));
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void alreadyAuthenticatedPrintsNothingAndNeverLogsIn() throws Exception {
    ensure();
    assertThat(err()).isEmpty();
    assertThat(fake.calls()).containsExactly("auth token --profile work");
    assertThat(loginOut).doesNotExist();
  }

  @Test
  void notAuthenticatedLogsInAndRechecks() throws Exception {
    fake.failTokenUntilLogin();
    ensure();
    assertThat(err())
        .isEqualTo(
            "databricks: not authenticated for profile \"work\", opening browser login..."
                + System.lineSeparator());
    assertThat(fake.calls())
        .containsExactly(
            "auth token --profile work", "auth login --profile work", "auth token --profile work");
  }

  @Test
  void loginStdoutGoesToTheCallersRedirectNotOurStdout() throws Exception {
    fake.failTokenUntilLogin();
    ensure();
    assertThat(Files.readString(loginOut)).contains("Opening browser for login (fake)");
    assertThat(err()).doesNotContain("Opening browser for login (fake)");
  }

  @Test
  void failedLoginIsAUserFacingErrorWithWhatToDo() {
    fake.failTokenUntilLogin().loginExit(1);
    assertThatThrownBy(this::ensure)
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("databricks auth login failed: exit status 1 — run")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void stillUnauthenticatedAfterLoginIsAUserFacingError() {
    // The token command exits 0 without a token, before and after a "successful" login.
    fake.tokenOutput("{\"error\":\"no token\"}");
    assertThatThrownBy(this::ensure)
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(
            "still not authenticated for profile \"work\" after login attempt — ");
  }

  @Test
  void missingCliIsAUserFacingErrorNotACrash() {
    cli =
        new DatabricksCli(
            tmp.resolve("nope/databricks").toString(), System.getenv(), Log.discard());
    assertThatThrownBy(this::ensure)
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("databricks auth login failed: cannot run")
        .hasMessageContaining("install the Databricks CLI");
  }
}
