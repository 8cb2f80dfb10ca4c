package io.github.dbclaude.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dbclaude.BuildInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks {@code http(s)://127.0.0.1:<port>/health} who is listening, through {@link LoopbackHttp}: it
 * runs in short-lived hook commands, where loading an HTTP client would cost more than the probe
 * itself.
 */
public final class HealthProbe {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * What a healthy {@code /health} reported; {@code uptimeSeconds} is -1 and {@code profile} and
   * {@code upstream} empty when the listener does not say ({@code daemon} and {@code profile} come
   * from a Go v2 daemon too; {@code upstream} and {@code keyRequired} only from us).
   */
  public record Health(
      long pid,
      String tool,
      String version,
      long uptimeSeconds,
      boolean daemon,
      String profile,
      String upstream,
      boolean keyRequired) {
    /** True when the listener is a databricks-claude proxy. */
    public boolean isOurs() {
      return BuildInfo.TOOL.equals(tool);
    }
  }

  private HealthProbe() {}

  /**
   * The health of the listener on {@code port}, or empty when nothing answers 200 with JSON in
   * time.
   */
  public static Optional<Health> probe(int port, Duration timeout) {
    return probe(port, timeout, false);
  }

  /**
   * Like {@link #probe(int, Duration)}, over TLS when {@code tls}: a session configured for HTTPS
   * recognises only an HTTPS proxy as its own (see {@link LoopbackSockets}).
   */
  public static Optional<Health> probe(int port, Duration timeout, boolean tls) {
    try {
      LoopbackHttp.Reply reply =
          LoopbackHttp.send(port, "GET", "/health", timeout, Optional.empty(), tls);
      if (reply.status() != 200) {
        return Optional.empty();
      }
      try (JsonParser parser = JSON.createParser(reply.body())) {
        return readHealth(parser);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Health> readHealth(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    long pid = 0;
    String tool = null;
    String version = "";
    long uptime = -1;
    boolean daemon = false;
    String profile = "";
    String upstream = "";
    boolean keyRequired = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "pid" -> pid = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
        case "tool" -> tool = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "version" -> version = value == JsonToken.VALUE_STRING ? parser.getText() : "";
        case "uptime_s" ->
            uptime = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
        case "daemon" -> daemon = value == JsonToken.VALUE_TRUE;
        case "profile" -> profile = value == JsonToken.VALUE_STRING ? parser.getText() : "";
        case "upstream" -> upstream = value == JsonToken.VALUE_STRING ? parser.getText() : "";
        case "key_required" -> keyRequired = value == JsonToken.VALUE_TRUE;
        default -> parser.skipChildren();
      }
    }
    return tool == null
        ? Optional.empty()
        : Optional.of(
            new Health(pid, tool, version, uptime, daemon, profile, upstream, keyRequired));
  }
}
