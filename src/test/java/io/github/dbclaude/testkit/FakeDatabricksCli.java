package io.github.dbclaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code databricks} CLI: a shell script whose answers come from small files beside it, so a
 * test can change them between calls and read back every argv it was called with.
 */
public final class FakeDatabricksCli {
  private final Path dir;

  private FakeDatabricksCli(Path dir) {
    this.dir = dir;
  }

  /** Writes the script to {@code dir/databricks}, issuing {@code token} for host {@code host}. */
  public static FakeDatabricksCli create(Path dir, String host, String token) {
    FakeDatabricksCli cli = new FakeDatabricksCli(dir);
    try {
      Files.createDirectories(dir);
      Path script = dir.resolve("databricks");
      Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli.host(host).token(token).expiry("2099-01-01T00:00:00Z");
    return cli;
  }

  public Path executable() {
    return dir.resolve("databricks");
  }

  public Path directory() {
    return dir;
  }

  public FakeDatabricksCli host(String host) {
    return write("host", host);
  }

  public FakeDatabricksCli token(String token) {
    return write("token", token);
  }

  /** Sets the expiry the CLI reports (RFC 3339, or anything else to test parsing). */
  public FakeDatabricksCli expiry(String expiry) {
    return write("expiry", expiry);
  }

  /** Makes {@code auth token} fail (exit 1) until a successful {@code auth login}. */
  public FakeDatabricksCli failTokenUntilLogin() {
    return write("fail-token", "1");
  }

  /** Makes {@code auth login} exit with {@code status}. */
  public FakeDatabricksCli loginExit(int status) {
    return write("login-exit", Integer.toString(status));
  }

  /** Makes every command sleep this many seconds first (a hanging CLI). */
  public FakeDatabricksCli hangSeconds(int seconds) {
    return write("hang", Integer.toString(seconds));
  }

  /** Every invocation so far, one argv per line (space-joined). */
  public List<String> calls() {
    try {
      Path log = dir.resolve("calls.log");
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code auth token} print {@code raw} verbatim instead of the token JSON. */
  public FakeDatabricksCli tokenOutput(String raw) {
    return write("token-output", raw);
  }

  /** Makes {@code auth env} print {@code raw} verbatim instead of the host JSON. */
  public FakeDatabricksCli envOutput(String raw) {
    return write("env-output", raw);
  }

  /** Makes {@code auth env} fail (exit 1). */
  public FakeDatabricksCli failEnv() {
    return write("fail-env", "1");
  }

  /** Makes {@code auth token} succeed again after {@link #failTokenUntilLogin()}. */
  public FakeDatabricksCli stopFailingToken() {
    try {
      Files.deleteIfExists(dir.resolve("fail-token"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Stops the delay set by {@link #hangSeconds(int)}. */
  public FakeDatabricksCli stopHanging() {
    try {
      Files.deleteIfExists(dir.resolve("hang"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes every command write {@code kib} KiB to stderr first (a chatty CLI). */
  public FakeDatabricksCli stderrKib(int kib) {
    return write("stderr-kib", Integer.toString(kib));
  }

  /** Process ids of the {@code sleep} children started by {@link #hangSeconds(int)}. */
  public List<Long> hangChildPids() {
    try {
      Path pids = dir.resolve("hang.pids");
      return Files.exists(pids)
          ? Files.readAllLines(pids).stream().map(String::trim).map(Long::valueOf).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long tokenCalls() {
    return calls().stream().filter(c -> c.startsWith("auth token")).count();
  }

  private FakeDatabricksCli write(String name, String value) {
    try {
      Files.writeString(dir.resolve(name), value, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static final String SCRIPT =
      """
      #!/bin/sh
      d=$(cd "$(dirname "$0")" && pwd)
      echo "$*" >> "$d/calls.log"
      if [ -f "$d/stderr-kib" ]; then
        head -c "$(( $(cat "$d/stderr-kib") * 1024 ))" /dev/zero | tr '\\0' 'e' >&2
      fi
      if [ -f "$d/hang" ]; then
        sleep "$(cat "$d/hang")" & echo "$!" >> "$d/hang.pids"; wait "$!"
      fi
      case "$1 $2" in
        "auth token")
          if [ -f "$d/fail-token" ]; then echo "Error: refresh token expired" >&2; exit 1; fi
          if [ -f "$d/token-output" ]; then cat "$d/token-output"; exit 0; fi
          printf '{"access_token":"%s","token_type":"Bearer","expiry":"%s"}\\n' \
            "$(cat "$d/token")" "$(cat "$d/expiry")"
          ;;
        "auth env")
          if [ -f "$d/fail-env" ]; then echo "Error: no such profile" >&2; exit 1; fi
          if [ -f "$d/env-output" ]; then cat "$d/env-output"; exit 0; fi
          printf '{"env":{"DATABRICKS_HOST":"%s"}}\\n' "$(cat "$d/host")"
          ;;
        "auth login")
          s=0; [ -f "$d/login-exit" ] && s=$(cat "$d/login-exit")
          echo "Opening browser for login (fake)"
          if [ "$s" = 0 ]; then rm -f "$d/fail-token"; fi
          exit "$s"
          ;;
        *)
          if [ "$1" = "--version" ] || [ "$1" = "version" ]; then
            echo "Databricks CLI v0.250.0"; exit 0
          fi
          echo "fake databricks: unsupported: $*" >&2; exit 2
          ;;
      esac
      """;
}
