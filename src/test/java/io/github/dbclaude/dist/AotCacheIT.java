package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every start-up path works whatever state the AOT cache is in, and the launcher's JVM options
 * never put anything on stdout but the command's answer: the credential helper prints only the
 * token, {@code --headless} only {@code PROXY_URL=…}, {@code --version} only the version.
 */
class AotCacheIT {
  private static final String TOKEN = "dapi-it-aot-secret-0a1b2c3d4e5f";
  private static final Duration READY = Duration.ofMinutes(2);

  /** What lies at {@code lib/databricks-claude.aot} and {@code …-proxy.aot} of a copied dist. */
  enum CacheState {
    /** No cache file. */
    MISSING,
    /** Not a cache at all. */
    GARBAGE,
    /** The build's cache, but next to a copy of the jar (another path, another time stamp). */
    STALE,
    /** A real cache from another training: another GC, another class path. */
    FOREIGN
  }

  private final DistLayout dist = DistLayout.fromSystemProperty();

  @TempDir Path temp;
  private Path home;
  private FakeDatabricksCli cli;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(temp.resolve("home"));
    cli = FakeDatabricksCli.create(temp.resolve("cli bin"), "https://ws.example.com", TOKEN);
  }

  @ParameterizedTest
  @EnumSource(CacheState.class)
  void versionPrintsOnlyTheVersion(CacheState state) throws Exception {
    Path copy = copyOfDist(state);

    ProcessRun run = run(copy.resolve("bin/databricks-claude"), "--version");

    assertThat(run.stdout()).isEqualTo("databricks-claude " + dist.versionInJar() + "\n");
    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @ParameterizedTest
  @EnumSource(CacheState.class)
  void credentialHelperPrintsOnlyTheToken(CacheState state) throws Exception {
    Path copy = copyOfDist(state);

    ProcessRun run = run(copy.resolve("bin/databricks-claude-credential-helper"));

    assertThat(run.stdout()).isEqualTo(TOKEN);
    assertThat(run.stderr()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @ParameterizedTest
  @EnumSource(CacheState.class)
  void headlessPrintsOnlyItsUrl(CacheState state) throws Exception {
    Path copy = copyOfDist(state);

    String stdout = headless(copy.resolve("bin/databricks-claude"), List.of());

    assertThat(stdout).matches("PROXY_URL=http://127\\.0\\.0\\.1:\\d+\n");
  }

  @Test
  void headlessProxyStartsFromTheTrainedCache() throws Exception {
    Path classLog = temp.resolve("classes.log");

    String stdout = headless(dist.launcher(), List.of("-Xlog:class+load=info:file=" + classLog));

    assertThat(stdout).startsWith("PROXY_URL=");
    // The training ran a proxy: its server and upstream client are in the cache, not read anew.
    assertThat(Files.readAllLines(classLog))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" io.github.dbclaude.proxy.ProxyServer source: shared objects file"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" org.eclipse.jetty.client.HttpClient source: shared objects file"));
  }

  @Test
  void versionStartsFromTheTrainedCacheWithTheLaunchersNativeAccessFlag() throws Exception {
    Path classLog = temp.resolve("version-classes.log");
    ProcessBuilder builder =
        new ProcessBuilder(dist.launcher().toString(), "--version")
            .directory(home.toFile())
            .redirectOutput(temp.resolve("version.out").toFile())
            .redirectError(temp.resolve("version.err").toFile());
    builder.environment().clear();
    builder.environment().putAll(environment());
    builder
        .environment()
        .put("DATABRICKS_CLAUDE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    assertThat(builder.start().waitFor(60, TimeUnit.SECONDS)).isTrue();

    // A cache trained with other module options (--enable-native-access) is silently not used;
    // and no foreign-function class is loaded where nothing is written.
    assertThat(Files.readAllLines(classLog))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" io.github.dbclaude.cli.Main source: shared objects file"))
        .noneSatisfy(line -> assertThat(line).contains(" java.lang.foreign."));
  }

  /** Runs {@code --headless} until it printed its URL, stops it, and returns all its stdout. */
  private String headless(Path launcher, List<String> javaOptions) throws Exception {
    int port = Ports.free();
    Path out = temp.resolve("headless.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                launcher.toString(),
                "--headless",
                "--port=" + port,
                "--idle-timeout=0",
                "--upstream=http://127.0.0.1:9/ai-gateway/anthropic")
            .directory(home.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(temp.resolve("headless.err").toFile());
    builder.environment().clear();
    builder.environment().putAll(environment());
    builder.environment().put("DATABRICKS_CLAUDE_JAVA_OPTS", String.join(" ", javaOptions));
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + READY.toNanos();
      while (!Files.readString(out).contains("\n") && System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("headless proxy exited early").isTrue();
        Thread.sleep(50);
      }
      process.destroy(); // SIGTERM: a proxy started by hand holds its own lease, so no /shutdown
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("proxy stopped").isTrue();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
    }
  }

  private ProcessRun run(Path command, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(command.toString()));
    argv.addAll(List.of(args));
    return ProcessRun.of(argv, environment(), home, temp);
  }

  private Map<String, String> environment() {
    return Map.of(
        "HOME", home.toString(), "PATH", cli.directory() + ":/usr/bin:/bin", "USER", "it");
  }

  /**
   * A dist of copied launcher and jar, the bundled runtime linked, and the cache in {@code state}.
   */
  private Path copyOfDist(CacheState state) throws Exception {
    Path copy = temp.resolve("copied dist");
    Files.createDirectories(copy.resolve("bin"));
    Files.createDirectories(copy.resolve("lib"));
    Files.copy(dist.launcher(), copy.resolve("bin/databricks-claude"));
    Files.createSymbolicLink(
        copy.resolve("bin/databricks-claude-credential-helper"), Path.of("databricks-claude"));
    Path jar = Files.copy(dist.jar(), copy.resolve("lib/databricks-claude.jar"));
    Files.createSymbolicLink(copy.resolve("runtime"), dist.home().resolve("runtime"));
    Path cache = copy.resolve("lib/databricks-claude.aot");
    Path proxyCache = copy.resolve("lib/databricks-claude-proxy.aot");
    switch (state) {
      case MISSING -> {}
      case GARBAGE -> {
        Files.write(cache, new byte[] {1, 2, 3, 4});
        Files.write(proxyCache, new byte[] {1, 2, 3, 4});
      }
      case STALE -> {
        Files.copy(dist.aotCache(), cache);
        Files.copy(dist.proxyAotCache(), proxyCache);
      }
      case FOREIGN -> {
        train(jar, cache);
        Files.copy(cache, proxyCache);
      }
    }
    return copy;
  }

  /** A cache trained on {@code --version} with the parallel GC and the jar at another path. */
  private void train(Path jar, Path cache) throws Exception {
    Path elsewhere =
        Files.copy(jar, Files.createDirectories(temp.resolve("other")).resolve("a.jar"));
    ProcessRun training =
        ProcessRun.of(
            List.of(
                dist.bundledJava().toString(),
                "-XX:AOTCacheOutput=" + cache,
                "-XX:+UseParallelGC",
                "-cp",
                elsewhere.toString(),
                "io.github.dbclaude.cli.Main",
                "--version"),
            environment(),
            home,
            temp);
    assertThat(training.exitCode()).as(training.stderr()).isZero();
    assertThat(cache).exists();
  }
}
