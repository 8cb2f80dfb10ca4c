package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path root;

  @Test
  void demoObservesInjectionRefreshAndStreamingAndPasses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Main.run(List.of("demo"), TestEnvironments.captured(TestHome.create(root), out, err));

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(text + err).isZero();
    assertThat(text)
        .contains("✓ token injected", "✓ token refreshed", "✓ token #2 fetched in the background")
        .doesNotContain("✗");
    assertThat(text)
        .containsPattern("streamed \\d+ SSE events")
        .containsPattern("All \\d+ checks passed");
  }

  @Test
  void demoRejectsArguments() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        Main.run(
            List.of("demo", "--fast"),
            TestEnvironments.captured(TestHome.create(root), new ByteArrayOutputStream(), err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo takes no arguments");
  }
}
