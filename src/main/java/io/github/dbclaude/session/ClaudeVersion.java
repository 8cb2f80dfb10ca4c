package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.ClaudeBinary;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.NullDevice;
import io.github.dbclaude.platform.PathLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed Claude Code's version for our User-Agent line: asked once per binary ({@code claude
 * --version}, 3 s at most) and remembered in the state file until the binary changes.
 */
final class ClaudeVersion {
  private static final Pattern VERSION = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\S*)");

  private ClaudeVersion() {}

  /** The version, or {@code ""} when claude is not on PATH or does not say. */
  static String of(Environment environment, StateFile state, Log log) {
    Optional<Path> claude = PathLookup.find("claude", environment.getenv("PATH"));
    if (claude.isEmpty()) {
      return "";
    }
    try {
      Path real = claude.get().toRealPath();
      long modified = Files.getLastModifiedTime(real).toMillis();
      Optional<ClaudeBinary> cached = state.read().models().claude();
      if (cached.isPresent()
          && cached.get().path().equals(real.toString())
          && cached.get().modified() == modified) {
        return cached.get().version();
      }
      String version = ask(claude.get(), environment);
      if (!version.isEmpty()) {
        ClaudeBinary seen = new ClaudeBinary(real.toString(), modified, version);
        state.update(s -> s.withModels(s.models().withClaude(seen)));
      }
      return version;
    } catch (IOException | UserFacingException e) {
      log.debug("claude version unknown: " + e.getMessage());
      return "";
    }
  }

  private static String ask(Path claude, Environment environment) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(claude.toString(), "--version")
            .redirectInput(NullDevice.file())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(environment.env());
    Process p = pb.start();
    try {
      p.onExit().get(3, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readNBytes(256), StandardCharsets.UTF_8).trim();
      Matcher m = VERSION.matcher(out);
      return m.find() ? m.group(1) : "";
    } catch (TimeoutException | ExecutionException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return "";
    }
  }
}
