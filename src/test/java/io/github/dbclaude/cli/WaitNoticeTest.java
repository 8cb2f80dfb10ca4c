package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitNoticeTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void aWaitLongerThanTheThresholdSaysWhatItWaitsForInOneLine() throws Exception {
    try (var _ = WaitNotice.waitingFor("the Databricks CLI", stream, Duration.ofMillis(1))) {
      for (int i = 0; i < 1000 && err.size() == 0; i++) {
        Thread.sleep(10);
      }
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("databricks-claude: waiting for the Databricks CLI …" + System.lineSeparator());
  }

  @Test
  void aWaitOverBeforeTheThresholdSaysNothing() throws Exception {
    try (var _ = WaitNotice.waitingFor("the proxy", stream, Duration.ofHours(1))) {
      // done at once
    }
    Thread.sleep(50);
    assertThat(err.size()).isZero();
  }
}
