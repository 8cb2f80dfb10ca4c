package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts this tool as a real {@code --headless} process on a test HOME and reads its first line.
 */
final class HeadlessLaunch {
  private HeadlessLaunch() {}

  /** The started process and its first stdout line ({@code PROXY_URL=…}). */
  record Started(Process process, String firstLine) {}

  static Started start(TestHome home, FakeDatabricksCli cli, Path stderr, List<String> args)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(SelfCommand.of(TestEnvironments.plain(home), args))
            .redirectError(stderr.toFile());
    pb.environment().clear();
    pb.environment().putAll(home.environment(cli.directory()));
    Process process = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (Exception e) {
                    return null;
                  }
                })
            .get(60, TimeUnit.SECONDS);
    assertThat(line).as(Files.readString(stderr)).isNotNull();
    return new Started(process, line);
  }
}
