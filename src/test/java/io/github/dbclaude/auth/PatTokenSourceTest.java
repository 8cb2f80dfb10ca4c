package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.testkit.RecordingLog;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PatTokenSourceTest {
  private static final String PAT = "dapi0123456789abcdef";

  @Test
  void servesThePersonalAccessTokenWithoutExpiry() {
    Token token = new PatTokenSource(PAT, "profile \"ci\"", new RecordingLog()).token();

    assertThat(token.value()).isEqualTo(PAT);
    assertThat(token.expiry()).isEqualTo(Instant.MAX);
  }

  @Test
  void rejectionIsLoggedOnceNamingTheProfileAndThatItCannotBeRefreshed() throws IOException {
    RecordingLog log = new RecordingLog();
    CachingTokenSource cached =
        new CachingTokenSource(
            new PatTokenSource(PAT, "profile \"ci\"", log), Instant::now, Runnable::run, log);

    cached.invalidate(cached.token());
    cached.invalidate(cached.token());

    assertThat(log.lines)
        .filteredOn(l -> l.contains("personal access token"))
        .singleElement()
        .asString()
        .contains("profile \"ci\"")
        .contains("cannot be refreshed")
        .doesNotContain(PAT);
  }

  @Test
  void emptyTokenIsRefused() {
    assertThatThrownBy(() -> new PatTokenSource(" ", "DATABRICKS_TOKEN", new RecordingLog()))
        .hasMessageContaining("DATABRICKS_TOKEN");
  }
}
