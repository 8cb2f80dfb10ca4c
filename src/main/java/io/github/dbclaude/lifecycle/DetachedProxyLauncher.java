package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.CappedLogFile;
import io.github.dbclaude.log.Redactor;
import io.github.dbclaude.platform.NullDevice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a headless proxy that outlives the session that started it: no terminal, stdin closed,
 * stderr appended to a log file, and stdout read only until its {@code PROXY_URL=} line, which it
 * prints once it is listening — so a caller returns exactly when the proxy is ready.
 */
final class DetachedProxyLauncher {
  static final String DETACHED_ENV = "DATABRICKS_CLAUDE_DETACHED";

  /** A started proxy: where it listens and which process it is. */
  record Started(String proxyUrl, long pid) {}

  private DetachedProxyLauncher() {}

  static Started start(List<String> command, Map<String, String> env, Path logFile, Duration wait)
      throws UserFacingException {
    Process child;
    try {
      prepareLog(logFile);
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.environment().put(DETACHED_ENV, "1");
      pb.redirectInput(ProcessBuilder.Redirect.from(NullDevice.file()));
      pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      child = pb.start();
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot start the proxy ("
              + command.getFirst()
              + "): "
              + e.getMessage()
              + " — reinstall databricks-claude or check its permissions");
    }
    CompletableFuture<String> url =
        CompletableFuture.supplyAsync(
            () -> readUrl(child), r -> Thread.ofPlatform().daemon().start(r));
    try {
      String found = url.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (found != null) {
        child.getInputStream().close();
        return new Started(found, child.pid());
      }
    } catch (TimeoutException e) {
      stop(child);
      throw new UserFacingException(
          "the proxy did not become ready within " + wait.toSeconds() + "s — see " + logFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(child);
      throw new UserFacingException("interrupted while starting the proxy");
    } catch (ExecutionException | IOException e) {
      // fall through: report what the proxy said
    }
    stop(child);
    throw new UserFacingException(
        "the proxy failed to start: " + lastLine(logFile) + " — full log: " + logFile);
  }

  private static String readUrl(Process child) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("PROXY_URL=")) {
          return line.substring("PROXY_URL=".length()).trim();
        }
      }
    } catch (IOException e) {
      // the stream closed under us: the child died or we gave up
    }
    return null;
  }

  private static void stop(Process child) {
    child.descendants().forEach(ProcessHandle::destroyForcibly);
    child.destroyForcibly();
  }

  private static void prepareLog(Path logFile) throws IOException {
    CappedLogFile.rotateIfLarger(logFile, CappedLogFile.MAX_BYTES);
  }

  private static String lastLine(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i).strip();
        if (!line.isEmpty()) {
          String noPrefix =
              line.startsWith("databricks-claude: ")
                  ? line.substring("databricks-claude: ".length())
                  : line;
          return Redactor.redact(noPrefix);
        }
      }
    } catch (IOException e) {
      // nothing readable
    }
    return "it exited without saying why";
  }
}
