package io.github.dbclaude.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses what {@code databricks auth token} and {@code auth env} print. Error messages describe
 * only the position of a problem, never the text, because that text may be a token.
 */
final class CliResponses {
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(55);
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CliResponses() {}

  /** Reads {@code {"access_token": …, "expiry": …}}; a missing or odd expiry means now + 55 min. */
  static Token token(String stdout, Instant now) throws IOException {
    String value = "";
    String expiry = null;
    try (JsonParser p = JSON.createParser(stdout)) {
      expectObject(p);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("access_token") && t == JsonToken.VALUE_STRING) {
          value = p.getText();
        } else if (field.equals("expiry") && t.isScalarValue()) {
          expiry = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException("failed to parse token response: invalid JSON" + where(e));
    }
    if (value.isEmpty()) {
      throw new IOException("empty access_token in response");
    }
    return new Token(value, expiry(expiry, now));
  }

  /** Reads {@code {"env": {"DATABRICKS_HOST": …}}}. */
  static String host(String stdout) throws IOException {
    Optional<String> host = Optional.empty();
    try (JsonParser p = JSON.createParser(stdout)) {
      expectObject(p);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("env") && t == JsonToken.START_OBJECT) {
          host = hostIn(p);
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new IOException("failed to parse auth env response: invalid JSON" + where(e));
    }
    return host.filter(h -> !h.isEmpty())
        .orElseThrow(() -> new IOException("DATABRICKS_HOST not found in auth env response"));
  }

  private static Optional<String> hostIn(JsonParser p) throws IOException {
    Optional<String> host = Optional.empty();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("DATABRICKS_HOST") && t == JsonToken.VALUE_STRING) {
        host = Optional.of(p.getText().trim());
      } else {
        p.skipChildren();
      }
    }
    return host;
  }

  /** RFC 3339 (fractions and offsets allowed), else Unix seconds, else now + 55 minutes. */
  static Instant expiry(String text, Instant now) {
    if (text == null || text.isBlank()) {
      return now.plus(DEFAULT_LIFETIME);
    }
    String s = text.trim();
    try {
      return OffsetDateTime.parse(
              s.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException notRfc3339) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(s));
      } catch (NumberFormatException | java.time.DateTimeException notUnixSeconds) {
        return now.plus(DEFAULT_LIFETIME);
      }
    }
  }

  private static void expectObject(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new NotAnObject(p.currentLocation());
    }
  }

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String what = e instanceof NotAnObject ? "expected an object" : "unexpected content";
    return at == null
        ? ": " + what
        : ": " + what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** The document parsed but is not a JSON object (e.g. empty output or a bare string). */
  private static final class NotAnObject extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    NotAnObject(JsonLocation at) {
      super("expected a JSON object", at);
    }
  }
}
