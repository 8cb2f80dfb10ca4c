package io.github.dbclaude.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  private static int sh(String script, Map<String, String> env) throws Exception {
    return ChildProcess.run(List.of("/bin/sh", "-c", script), env);
  }

  private static Map<String, String> env() {
    return new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
  }

  @Test
  void returnsTheChildsExitStatus() throws Exception {
    assertThat(sh("exit 42", env())).isEqualTo(42);
    assertThat(sh("exit 0", env())).isZero();
  }

  @Test
  void theChildSeesExactlyTheGivenEnvironment() throws Exception {
    Map<String, String> env = env();
    env.put("TEST_CHILDPROC_VAR", "hello123");

    assertThat(sh("test \"$TEST_CHILDPROC_VAR\" = hello123", env)).isZero();
  }

  @Test
  void aChildKilledBySignalYields128PlusTheSignal() throws Exception {
    assertThat(sh("kill -9 $$", env())).isEqualTo(137);
  }

  @Test
  void sigintToUsIsPassedOnToTheChildInsteadOfStoppingUs() throws Exception {
    Path ready = dir.resolve("ready");
    String script = "trap 'exit 5' INT; touch '" + ready + "'; while :; do sleep 0.1; done";
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sh(script, env());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    for (int i = 0; i < 500 && !Files.exists(ready); i++) {
      Thread.sleep(10);
    }
    assertThat(ready).exists();

    new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid()))
        .start()
        .waitFor();

    assertThat(status.get(3, TimeUnit.SECONDS)).isEqualTo(5);
  }

  @Test
  void aMissingProgramIsAnIoException() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ChildProcess.run(List.of(dir.resolve("nope").toString()), env()))
        .isInstanceOf(java.io.IOException.class);
  }
}
