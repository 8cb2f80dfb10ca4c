package io.github.dbclaude.cli;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What Claude Code tells a hook command on stdin: a JSON object with the {@code session_id}. Hook
 * entries written by older versions, or a person typing the command, give none — then the hook
 * counts sessions the plain way.
 */
final class HookInput {
  private static final int MAX_BYTES = 256 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(1);

  private HookInput() {}

  /**
   * {@code interactive}: a person at a terminal started the hook, so there is no input to wait for.
   */
  static Optional<String> sessionId(InputStream in, boolean interactive, Log log) {
    if (interactive) {
      return Optional.empty(); // a person at a terminal, not Claude Code
    }
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> readSome(in), r -> Thread.ofPlatform().daemon().start(r));
    try {
      byte[] bytes = read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return parse(new String(bytes, StandardCharsets.UTF_8), log);
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static Optional<String> parse(String text, Log log) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      if (Json.parse(text) instanceof JsonObject input) {
        return input.string("session_id").filter(id -> !id.isBlank());
      }
      log.debug("hook input is not a JSON object; counting the plain way");
    } catch (JsonSyntaxException e) {
      log.debug("hook input is not JSON (" + e.getMessage() + "); counting the plain way");
    }
    return Optional.empty();
  }

  private static byte[] readSome(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while (out.size() < MAX_BYTES && (n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // whatever arrived is all there is
    }
    return out.toByteArray();
  }
}
