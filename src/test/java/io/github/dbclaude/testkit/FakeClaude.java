package io.github.dbclaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code claude}: a shell script that does what matters to us — reads the proxy URL from
 * {@code ~/.claude/settings.json}, sends one streaming request with the token settings.json names
 * (and one OTEL logs export when settings.json configures one; trusting {@code $FAKE_CLAUDE_CACERT}
 * for an https URL), prints the reply — and records its arguments and environment. Exits with
 * {@code $FAKE_CLAUDE_EXIT}. With {@code FAKE_CLAUDE_SEND_PROMPT=1} the request's message is its
 * last argument (no quotes or backslashes in it) instead of "hi".
 */
public final class FakeClaude {
  private final Path dir;

  private FakeClaude(Path dir) {
    this.dir = dir;
  }

  public static FakeClaude create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path script = dir.resolve("claude");
      Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new FakeClaude(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** The arguments of the last run, one per line. */
  public List<String> args() {
    return lines("args");
  }

  /** The value of DATABRICKS_CLAUDE_MANAGED the last run saw. */
  public String managed() {
    List<String> l = lines("managed");
    return l.isEmpty() ? "" : l.getFirst();
  }

  /** The LC_ALL the last run saw, {@code (unset)} when it had none. */
  public String lcAll() {
    List<String> l = lines("lc-all");
    return l.isEmpty() ? "" : l.getFirst();
  }

  /** The reply body the last run received from the proxy. */
  public String reply() {
    try {
      Path p = dir.resolve("reply");
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every process's command line while it ran (only with {@code FAKE_CLAUDE_PS=1}). */
  public String processes() {
    return String.join("\n", lines("ps"));
  }

  /** The status the proxy answered the OTEL logs export with, or empty when none was sent. */
  public String otelStatus() {
    List<String> l = lines("otel-status");
    return l.isEmpty() ? "" : l.getFirst();
  }

  private List<String> lines(String name) {
    try {
      Path p = dir.resolve(name);
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String SCRIPT =
      """
      #!/bin/sh
      d=$(cd "$(dirname "$0")" && pwd)
      : > "$d/args"; rm -f "$d/otel-status"
      for a in "$@"; do printf '%s\\n' "$a" >> "$d/args"; last=$a; done
      printf '%s\\n' "${DATABRICKS_CLAUDE_MANAGED:-}" > "$d/managed"
      printf '%s\\n' "${LC_ALL-(unset)}" > "$d/lc-all"
      content=hi; [ -n "${FAKE_CLAUDE_SEND_PROMPT:-}" ] && content=$last
      if [ "${1:-}" = "--help" ]; then echo "Usage: claude [options] (fake)"; exit 0; fi
      url=$(sed -n 's/.*"ANTHROPIC_BASE_URL": *"\\([^"]*\\)".*/\\1/p' "$HOME/.claude/settings.json")
      token=$(sed -n 's/.*"ANTHROPIC_AUTH_TOKEN": *"\\([^"]*\\)".*/\\1/p' "$HOME/.claude/settings.json")
      if [ -n "${FAKE_CLAUDE_PS:-}" ]; then
        for f in /proc/[0-9]*/cmdline; do tr '\\000' ' ' < "$f" 2>/dev/null; echo; done > "$d/ps"
      fi
      curl -sS -N ${FAKE_CLAUDE_CACERT:+--cacert "$FAKE_CLAUDE_CACERT"} -X POST "$url/v1/messages?beta=true" \\
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \\
        -d '{"model":"m","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"'"$content"'"}]}' \\
        > "$d/reply" || echo "fake claude: request failed" >&2
      otel=$(sed -n 's/.*"OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": *"\\([^"]*\\)".*/\\1/p' "$HOME/.claude/settings.json")
      if [ -n "$otel" ]; then
        curl -sS -X POST "$otel" -H 'Content-Type: application/x-protobuf' --data-binary 'otlp-logs' \\
          -o /dev/null -w '%{http_code}' > "$d/otel-status" || echo "fake claude: otel failed" >&2
      fi
      cat "$d/reply"
      exit "${FAKE_CLAUDE_EXIT:-0}"
      """;
}
