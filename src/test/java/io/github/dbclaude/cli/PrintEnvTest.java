package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrintEnvTest {
  private static String render(String token, String metrics, String logs, String traces) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintEnv.print(
        new PrintEnv.Facts(
            "prod",
            "flag",
            "databricks-cli (databricks auth token)",
            "https://adb-1.azuredatabricks.net",
            "https://adb-1.azuredatabricks.net/ai-gateway/anthropic",
            token,
            Optional.of("/usr/bin/claude"),
            "http://127.0.0.1:49153",
            metrics,
            logs,
            traces),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void patTokenShowsOnlyItsPrefix() {
    String out = render("dapi-0123456789abcdef", "", "", "");
    assertThat(out).contains("  ANTHROPIC_AUTH_TOKEN: dapi-***\n").doesNotContain("0123456789");
  }

  @Test
  void oauthAndEmptyTokensAreFullyRedacted() {
    assertThat(render("eyJhbGciOiJSUzI1NiJ9.secret", "", "", ""))
        .contains("  ANTHROPIC_AUTH_TOKEN: **** (redacted)\n")
        .doesNotContain("eyJhbGci");
    assertThat(render("", "", "", "")).contains("  ANTHROPIC_AUTH_TOKEN: **** (redacted)\n");
  }

  @Test
  void showsHostUpstreamAndClaudeSeparately() {
    String out = render("t", "", "", "");
    assertThat(out)
        .contains("  DATABRICKS_HOST:      https://adb-1.azuredatabricks.net\n")
        .contains(
            "  ANTHROPIC_BASE_URL:   https://adb-1.azuredatabricks.net/ai-gateway/anthropic\n")
        .contains("  Auth source:          databricks-cli (databricks auth token)\n")
        .contains("  Claude binary:        /usr/bin/claude\n")
        .contains("  OTEL enabled:         false\n");
  }

  @Test
  void listsEachActiveOtelTableWithItsInterval() {
    String out = render("t", "c.s.claude_otel_metrics", "c.s.claude_otel_logs", "");
    assertThat(out)
        .contains("  OTEL enabled:         true\n")
        .contains("  OTEL metrics table:   c.s.claude_otel_metrics\n")
        .contains("  OTEL metric interval: 10000ms\n")
        .contains("  OTEL logs table:      c.s.claude_otel_logs\n")
        .contains("  OTEL logs interval:   5000ms\n")
        .doesNotContain("traces");
  }
}
