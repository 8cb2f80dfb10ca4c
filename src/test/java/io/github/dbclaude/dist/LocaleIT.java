package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built launcher in the C/POSIX locale, or none, with a non-ASCII HOME: arguments, paths and
 * output round-trip byte for byte, and the processes we start still see the user's own locale.
 */
class LocaleIT {
  private static final String PROMPT = "Übersetze: café 日本";
  private final DistLayout dist = DistLayout.fromSystemProperty();

  @TempDir Path temp;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private FakeClaude claude;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    home = TestHome.create(temp.resolve("jürgen 日本"));
    cli = FakeDatabricksCli.create(temp.resolve("bin-databricks"), gateway.baseUrl(), "tok-l-42");
    claude = FakeClaude.create(temp.resolve("bin-claude"));
    port = Ports.free();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(30)))
        .as("the proxy stops after the only session")
        .isTrue();
    gateway.close();
  }

  @Test
  void aNonAsciiPromptReachesTheGatewayByteForByteInTheCLocale() throws Exception {
    ProcessRun run = wrapper(Map.of("LC_ALL", "C", "LANG", "C"), "-p", PROMPT);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(claude.args()).containsExactly("-p", PROMPT);
    assertThat(new String(gateway.requests().getLast().body(), StandardCharsets.UTF_8))
        .contains("\"content\":\"" + PROMPT + "\"");
    assertThat(run.stdout()).contains("event: message_stop");
    assertThat(run.stderr()).doesNotContain("Exception");
    assertThat(claude.lcAll()).as("claude gets the user's locale, not ours").isEqualTo("C");
  }

  @Test
  void noLocaleAtAllWorksTooAndClaudeSeesNoneEither() throws Exception {
    ProcessRun run = wrapper(Map.of(), "-p", PROMPT);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(claude.args()).containsExactly("-p", PROMPT);
    assertThat(new String(gateway.requests().getLast().body(), StandardCharsets.UTF_8))
        .contains(PROMPT);
    assertThat(claude.lcAll()).isEqualTo("(unset)");
  }

  @Test
  void helpPrintsItsDashesInThePosixLocale() throws Exception {
    ProcessRun run = wrapper(Map.of("LC_ALL", "POSIX"), "--help");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains(" — Databricks AI Gateway proxy for Claude Code")
        .doesNotContain("?")
        .endsWith("Usage: claude [options] (fake)\n");
  }

  @Test
  void aHomeTheLocaleCannotHoldIsOneClearLineNotAStackTrace() throws Exception {
    // A locale that is not installed: the C library falls back to ASCII, and the launcher keeps a
    // locale that names a charset of its own.
    ProcessRun run = wrapper(Map.of("LC_ALL", "xx_XX.ISO-8859-1"), "--version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().lines().toList())
        .singleElement()
        .asString()
        .startsWith("databricks-claude: HOME or TMPDIR is not a valid path in this locale");
  }

  /** The launcher with this HOME, the fakes first on PATH and only {@code locale} as locale. */
  private ProcessRun wrapper(Map<String, String> locale, String... args) throws Exception {
    Map<String, String> env =
        new HashMap<>(home.environment(Path.of(claude.directory() + ":" + cli.directory())));
    env.remove("LANG");
    env.putAll(locale);
    env.put("FAKE_CLAUDE_SEND_PROMPT", "1");
    List<String> command =
        new java.util.ArrayList<>(List.of(dist.launcher().toString(), "--port=" + port));
    command.addAll(List.of(args));
    return ProcessRun.of(command, env, home.workDir(), temp);
  }
}
