package io.github.dbclaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code claude}: a shell script that does what matters to us — reads the proxy URL from its
 * {@code --settings} JSON, else (as Claude Code does) from {@code ~/.claude/settings.json}, sends
 * one streaming request with the token they name (and one OTEL logs export when settings.json
 * configures one; trusting {@code $NODE_EXTRA_CA_CERTS} for an https URL, as Node does), prints the
 * reply — and records its arguments and environment. Exits with {@code $FAKE_CLAUDE_EXIT}. With
 * {@code FAKE_CLAUDE_SEND_PROMPT=1} the request's message is its last argument (no quotes or
 * backslashes in it) instead of "hi".
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

  /** The arguments of the last run, without the {@code --settings <json>} the wrapper added. */
  public List<String> args() {
    List<String> all = new java.util.ArrayList<>(lines("args"));
    if (all.size() >= 2 && all.getFirst().equals("--settings")) {
      all.subList(0, 2).clear();
    }
    return all;
  }

  /** The settings the last run got with {@code --settings} (inline or the file's content). */
  public String settingsArg() {
    return String.join("\n", lines("settings-arg"));
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
      : > "$d/args"; rm -f "$d/otel-status" "$d/settings-arg"
      flag=""; SETTINGS_ARG=""
      for a in "$@"; do
        printf '%s\\n' "$a" >> "$d/args"
        if [ "$flag" = "--settings" ]; then
          case "$a" in "{"*) SETTINGS_ARG="$a" ;; *) SETTINGS_ARG=$(cat "$a") ;; esac
          printf '%s\\n' "$SETTINGS_ARG" > "$d/settings-arg"
        fi
        flag="$a"; last="$a"
      done
      key() {
        v=$(printf '%s\\n' "$SETTINGS_ARG" | sed -n "s/.*\\"$1\\": *\\"\\([^\\"]*\\)\\".*/\\1/p")
        [ -n "$v" ] || v=$(sed -n "s/.*\\"$1\\": *\\"\\([^\\"]*\\)\\".*/\\1/p" "$HOME/.claude/settings.json" 2>/dev/null)
        printf '%s' "$v"
      }
      printf '%s\\n' "${DATABRICKS_CLAUDE_MANAGED:-}" > "$d/managed"
      printf '%s\\n' "${LC_ALL-(unset)}" > "$d/lc-all"
      content=hi; [ -n "${FAKE_CLAUDE_SEND_PROMPT:-}" ] && content=$last
      if [ "${1:-}" = "--help" ]; then echo "Usage: claude [options] (fake)"; exit 0; fi
      url=$(key ANTHROPIC_BASE_URL)
      token=$(key ANTHROPIC_AUTH_TOKEN)
      if [ -n "${FAKE_CLAUDE_PS:-}" ]; then
        for f in /proc/[0-9]*/cmdline; do tr '\\000' ' ' < "$f" 2>/dev/null; echo; done > "$d/ps"
      fi
      curl -sS -N ${NODE_EXTRA_CA_CERTS:+--cacert "$NODE_EXTRA_CA_CERTS"} -X POST "$url/v1/messages?beta=true" \\
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \\
        -d '{"model":"m","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"'"$content"'"}]}' \\
        > "$d/reply" || echo "fake claude: request failed" >&2
      otel=$(key OTEL_EXPORTER_OTLP_LOGS_ENDPOINT)
      if [ -n "$otel" ]; then
        set -- -H 'Content-Type: application/x-protobuf'
        old_ifs=$IFS; IFS=,
        for h in $(key OTEL_EXPORTER_OTLP_LOGS_HEADERS); do
          case "$h" in [Cc]ontent-[Tt]ype=*) ;; *=*) set -- "$@" -H "${h%%=*}: ${h#*=}" ;; esac
        done
        IFS=$old_ifs
        curl -sS -X POST "$otel" "$@" --data-binary 'otlp-logs' \\
          -o /dev/null -w '%{http_code}' > "$d/otel-status" || echo "fake claude: otel failed" >&2
      fi
      cat "$d/reply"
      exit "${FAKE_CLAUDE_EXIT:-0}"
      """;
}
