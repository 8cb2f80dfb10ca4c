package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build installed the Claude Code version the end-to-end tests are pinned to. */
class ClaudeCodeIT {
  @TempDir Path home;

  @Test
  void pinnedClaudeCodeIsInstalledAndRuns() throws Exception {
    Path claude = Path.of(System.getProperty("e2e.claude", ""));
    assertThat(claude).isAbsolute().isExecutable();

    ProcessRun run = ProcessRun.of(List.of(claude.toString(), "--version"),
        Map.of("HOME", home.toString(), "PATH", System.getenv("PATH")), home, home);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("2.1.331 (Claude Code)\n");
  }
}
