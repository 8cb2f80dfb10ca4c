package io.github.dbclaude.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sanitiser corpus of CHECKLIST S, through {@link Redactor} and through a log sink. */
class RedactorTest {
  @ParameterizedTest
  @CsvSource(
      value = {
        "{\"auth\":\"Bearer eyJhbGciOi.abc\"}|{\"auth\":\"[REDACTED]\"}",
        "token dapi-0123abcdef here|token [REDACTED] here",
        "X-Api-Key: sk-ant-123|[REDACTED]",
        "x-api-key:   sk-ant-123 rest|[REDACTED] rest",
        "nothing secret here|nothing secret here",
        "Bearer a and dapi-b and x-api-key: c|[REDACTED] and [REDACTED] and [REDACTED]",
        "Bearer x|[REDACTED]",
        "dapi0123abc|[REDACTED]",
        "dapi-12-ab-cd end|[REDACTED] end",
        "X-DATABRICKS-AUTHORIZATION: secretvalue|[REDACTED]",
        "bearer lower BEARER UPPER|[REDACTED] [REDACTED]",
        "Authorization: Basic dXNlcjpwYXNz|[REDACTED]",
        "{\"access_token\": \"eyJ0eXAi\"}|{[REDACTED]}",
        "DATABRICKS_TOKEN=dapi123|[REDACTED]"
      },
      delimiter = '|')
  void replacesEveryCredentialShape(String input, String expected) {
    assertThat(Redactor.redact(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "upstream said: Authorization: Bearer tok-SECRET-1|tok-SECRET-1",
        "{\"access_token\":\"tok-SECRET-2\",\"expires_in\":3600}|tok-SECRET-2",
        "x-api-key: tok-SECRET-3|tok-SECRET-3",
        "pat dapiSECRET4|SECRET4"
      },
      delimiter = '|')
  void aLogSinkNeverWritesTheSecret(String message, String secret) {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    new StreamLog(
            List.of(
                new PrintStream(a, true, StandardCharsets.UTF_8),
                new PrintStream(b, true, StandardCharsets.UTF_8)))
        .debug(message);
    assertThat(a.toString(StandardCharsets.UTF_8)).contains("[REDACTED]").doesNotContain(secret);
    assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo(a.toString(StandardCharsets.UTF_8));
  }
}
