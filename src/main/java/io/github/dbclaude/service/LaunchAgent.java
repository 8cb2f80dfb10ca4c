package io.github.dbclaude.service;

import io.github.dbclaude.config.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** macOS: a per-user LaunchAgent, loaded into the login session's {@code gui/<uid>} domain. */
final class LaunchAgent implements ServiceManager {
  private static final Pattern LAST_EXIT = Pattern.compile("last exit code = (-?\\d+)");

  private final Path manifest;
  private final ServiceCommands commands;

  LaunchAgent(Path home, ServiceCommands commands) {
    this.manifest = home.resolve("Library/LaunchAgents").resolve(DaemonSpec.NAME + ".plist");
    this.commands = commands;
  }

  @Override
  public Path manifest() {
    return manifest;
  }

  @Override
  public void install(DaemonSpec spec) throws IOException {
    AtomicFile.write(manifest, LaunchAgentPlist.render(spec));
    String domain = domain();
    // An older agent (ours or the Go tool's) must be unloaded before the new one can be loaded.
    commands.run(List.of("launchctl", "bootout", domain + "/" + DaemonSpec.NAME));
    require(commands.run(List.of("launchctl", "bootstrap", domain, manifest.toString())));
    require(commands.run(List.of("launchctl", "kickstart", "-k", domain + "/" + DaemonSpec.NAME)));
  }

  @Override
  public boolean uninstall() throws IOException {
    boolean existed = Files.exists(manifest);
    CommandResult bootout =
        commands.run(List.of("launchctl", "bootout", domain() + "/" + DaemonSpec.NAME));
    Files.deleteIfExists(manifest);
    return existed || bootout.ok();
  }

  @Override
  public ServiceStatus status() throws IOException {
    if (!Files.exists(manifest)) {
      return ServiceStatus.notInstalled(manifest);
    }
    CommandResult print = print();
    ServiceStatus.Running running = ServiceStatus.Running.STOPPED;
    OptionalInt lastExit = OptionalInt.empty();
    String detail = "";
    if (print.ok()) {
      Matcher exit = LAST_EXIT.matcher(print.output());
      if (exit.find() && !exit.group(1).equals("0")) {
        lastExit = OptionalInt.of(Integer.parseInt(exit.group(1)));
      }
      if (print.output().contains("state = running")) {
        running = ServiceStatus.Running.RUNNING;
      } else if (lastExit.isPresent()) {
        // KeepAlive respawns a daemon that keeps failing: not running, with a failing exit code.
        running = ServiceStatus.Running.FAILED;
        detail = "last exit code = " + lastExit.getAsInt();
      }
    } else {
      detail = "not loaded into launchd";
    }
    Optional<List<String>> line = LaunchAgentPlist.programArguments(Files.readAllBytes(manifest));
    return ServiceStatus.installed(print.ok(), running, detail, lastExit, manifest, line);
  }

  @Override
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    try {
      text.append("launchctl print:\n").append(print().output()).append("\n\n");
    } catch (IOException e) {
      text.append("launchctl print: ").append(e.getMessage()).append("\n\n");
    }
    return text.toString().strip();
  }

  private CommandResult print() throws IOException {
    return commands.run(List.of("launchctl", "print", domain() + "/" + DaemonSpec.NAME));
  }

  private String domain() throws IOException {
    CommandResult id = commands.run(List.of("id", "-u"));
    if (!id.ok() || !id.output().matches("\\d+")) {
      throw new IOException("cannot learn the user id (id -u): " + id.output());
    }
    return "gui/" + id.output();
  }

  private static void require(CommandResult result) throws IOException {
    if (!result.ok()) {
      throw new IOException("launchctl failed (exit " + result.exit() + "): " + result.output());
    }
  }
}
