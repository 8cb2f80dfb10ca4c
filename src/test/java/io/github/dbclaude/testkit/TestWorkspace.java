package io.github.dbclaude.testkit;

import io.github.dbclaude.demo.ScriptedGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What session tests start from: a simulated gateway, a temp HOME, and a fake {@code databricks}
 * CLI in its own bin directory, logged in to that gateway with one token. Closing stops the
 * gateway. For end-to-end tests it also puts the real Claude Code and our launcher on that bin
 * directory and runs processes there with their output in files.
 */
public final class TestWorkspace implements AutoCloseable {
  private final Path root;
  private final ScriptedGateway gateway;
  private final TestHome home;
  private final FakeDatabricksCli cli;

  private TestWorkspace(Path root, ScriptedGateway gateway, TestHome home, FakeDatabricksCli cli) {
    this.root = root;
    this.gateway = gateway;
    this.home = home;
    this.cli = cli;
  }

  /**
   * Starts the gateway; HOME under {@code root}, the CLI in {@code root/binName} with {@code
   * token}.
   */
  public static TestWorkspace start(Path root, String binName, String token) throws IOException {
    ScriptedGateway gateway = ScriptedGateway.start();
    try {
      TestHome home = TestHome.create(root);
      FakeDatabricksCli cli =
          FakeDatabricksCli.create(root.resolve(binName), gateway.baseUrl(), token);
      return new TestWorkspace(root, gateway, home, cli);
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  public ScriptedGateway gateway() {
    return gateway;
  }

  public TestHome home() {
    return home;
  }

  public FakeDatabricksCli cli() {
    return cli;
  }

  /** The CLI's directory, where the links below go. */
  public Path bin() {
    return cli.directory();
  }

  /**
   * Links the pinned real Claude Code (system property {@code e2e.claude}) as {@code bin/claude}.
   */
  public TestWorkspace withClaudeCode() throws IOException {
    Files.createSymbolicLink(bin().resolve("claude"), Path.of(System.getProperty("e2e.claude")));
    return this;
  }

  /** Links the built distribution's launcher (under {@code dist.home}) into the bin directory. */
  public TestWorkspace withLauncher() throws IOException {
    Files.createSymbolicLink(
        bin().resolve("databricks-claude"),
        Path.of(System.getProperty("dist.home"), "bin", "databricks-claude"));
    return this;
  }

  /**
   * Starts {@code command} in the working folder with this HOME's environment (the bin directory
   * first on PATH), no stdin, and its output in {@code <name>.out} / {@code <name>.err}.
   */
  public Process startProcess(List<String> command, String name) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.workDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(ProcessBuilder.Redirect.DISCARD.file()))
            .redirectOutput(root.resolve(name + ".out").toFile())
            .redirectError(root.resolve(name + ".err").toFile());
    pb.environment().clear();
    pb.environment().putAll(home.environment(bin()));
    return pb.start();
  }

  /** A file under the root, such as {@code <name>.out} of {@link #startProcess}. */
  public String read(String file) {
    try {
      return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The detached headless proxies serving {@code port}, as the process table shows them. */
  public static List<ProcessHandle> headlessProxiesOn(int port) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(List::of)
                    .map(a -> a.contains("--headless") && a.contains("--port=" + port))
                    .orElse(false))
        .toList();
  }

  @Override
  public void close() {
    gateway.close();
  }
}
