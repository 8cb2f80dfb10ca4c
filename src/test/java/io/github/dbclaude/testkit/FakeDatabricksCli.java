package io.github.dbclaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A fake {@code databricks} CLI: a shell script whose answers come from small files beside it, so a
 * test can change them between calls and read back every argv it was called with.
 *
 * <p>Like the real CLI (since v0.296.0) it keeps a token cache: {@code auth token} returns the
 * cached token until less than five minutes of it remain, and only then issues the token set by
 * {@link #token(String)}; {@code auth token --force-refresh} always issues it, and {@code auth
 * login} empties the cache. A CLI older than 0.296.0 ({@link #version(String)}) rejects {@code
 * --force-refresh} as the real one does. Its "now" is the wall clock unless {@link #now(Instant)}
 * pins it.
 */
public final class FakeDatabricksCli {
  /** A current CLI: has {@code --force-refresh}. */
  public static final String CURRENT_VERSION = "0.298.0";

  /** The last CLI without {@code --force-refresh}. */
  public static final String OLD_VERSION = "0.295.0";

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
    cli.host(host).token(token).expiry("2099-01-01T00:00:00Z").version(CURRENT_VERSION);
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

  /** The token the CLI issues at its next refresh (not before, see the class comment). */
  public FakeDatabricksCli token(String token) {
    return write("token", token);
  }

  /**
   * The expiry of the token the CLI issues next (RFC 3339, Unix seconds, or anything else to test
   * parsing — the CLI's own cache then treats it as far in the future).
   */
  public FakeDatabricksCli expiry(String expiry) {
    return write("expiry", expiry).write("expiry-epoch", Long.toString(epochSeconds(expiry)));
  }

  /** The version {@code --version} reports; before 0.296.0 {@code --force-refresh} is refused. */
  public FakeDatabricksCli version(String version) {
    String[] parts = version.split("\\.");
    boolean canForce =
        Integer.parseInt(parts[0]) > 0 || Integer.parseInt(parts[1]) >= FORCE_REFRESH_SINCE_MINOR;
    // Before 0.296.0 the CLI renewed its cached token only 10 s before expiry.
    write("version", version).write("margin", canForce ? "300" : "10");
    return canForce ? delete("no-force-refresh") : write("no-force-refresh", "1");
  }

  /** Pins the CLI's clock (its cache margin is measured against it). */
  public FakeDatabricksCli now(Instant now) {
    return write("now", Long.toString(now.getEpochSecond()));
  }

  /** Empties the CLI's cache, as a {@code databricks auth login} in another terminal does. */
  public FakeDatabricksCli simulateLogin() {
    return delete("cache");
  }

  /** How many {@code auth token --force-refresh} calls reached the CLI. */
  public long forcedRefreshes() {
    return calls().stream().filter(c -> c.contains("--force-refresh")).count();
  }

  /**
   * Makes every refresh by {@code auth token} fail (exit 1) until a successful {@code auth login};
   * a cached token that is still good is returned as before, as the real CLI does.
   */
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
    return delete("fail-token");
  }

  /** Stops the delay set by {@link #hangSeconds(int)}. */
  public FakeDatabricksCli stopHanging() {
    return delete("hang");
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

  private static long epochSeconds(String expiry) {
    try {
      return OffsetDateTime.parse(expiry).toEpochSecond();
    } catch (DateTimeParseException notRfc3339) {
      try {
        return Long.parseLong(expiry.trim());
      } catch (NumberFormatException neither) {
        return FAR_FUTURE;
      }
    }
  }

  private FakeDatabricksCli delete(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private FakeDatabricksCli write(String name, String value) {
    try {
      Files.writeString(dir.resolve(name), value, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static final int FORCE_REFRESH_SINCE_MINOR = 296;
  private static final long FAR_FUTURE = 4_102_444_800L; // 2100-01-01

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
      force=0
      case " $* " in *" --force-refresh "*) force=1 ;; esac
      case "$1 $2" in
        "auth token")
          if [ "$force" = 1 ] && [ -f "$d/no-force-refresh" ]; then
            echo "Error: unknown flag: --force-refresh" >&2; exit 1
          fi
          if [ -f "$d/token-output" ]; then cat "$d/token-output"; exit 0; fi
          # Few forks (read, not cat): some tests start dozens of these at once. IFS= keeps values
          # exactly as written.
          if [ -f "$d/now" ]; then read -r now < "$d/now"; else now=$(date +%s); fi
          read -r margin < "$d/margin"
          c="$d/cache"; ep=0
          [ -f "$c" ] && { IFS= read -r tok; IFS= read -r exp; read -r ep; } < "$c"
          if [ "$force" = 1 ] || [ $((ep - now)) -lt "$margin" ]; then
            if [ -f "$d/fail-token" ]; then echo "Error: refresh token expired" >&2; exit 1; fi
            IFS= read -r tok < "$d/token"; IFS= read -r exp < "$d/expiry"
            read -r ep < "$d/expiry-epoch"
            # One file, replaced atomically: a concurrent call reads the old token or the new one.
            printf '%s\\n%s\\n%s\\n' "$tok" "$exp" "$ep" > "$c.$$" && mv -f "$c.$$" "$c"
          fi
          printf '{"access_token":"%s","token_type":"Bearer","expiry":"%s"}\\n' "$tok" "$exp"
          ;;
        "auth env")
          if [ -f "$d/fail-env" ]; then echo "Error: no such profile" >&2; exit 1; fi
          if [ -f "$d/env-output" ]; then cat "$d/env-output"; exit 0; fi
          printf '{"env":{"DATABRICKS_HOST":"%s"}}\\n' "$(cat "$d/host")"
          ;;
        "auth login")
          s=0; [ -f "$d/login-exit" ] && s=$(cat "$d/login-exit")
          echo "Opening browser for login (fake)"
          if [ "$s" = 0 ]; then rm -f "$d/fail-token" "$d/cache"; fi
          exit "$s"
          ;;
        *)
          if [ "$1" = "--version" ] || [ "$1" = "version" ]; then
            echo "Databricks CLI v$(cat "$d/version")"; exit 0
          fi
          echo "fake databricks: unsupported: $*" >&2; exit 2
          ;;
      esac
      """;
}
