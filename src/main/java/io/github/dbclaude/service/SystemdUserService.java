package io.github.dbclaude.service;

import io.github.dbclaude.config.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Linux: a {@code systemd --user} unit, enabled so it starts at login and restarts on failure. */
final class SystemdUserService implements ServiceManager {
  static final String UNIT = DaemonSpec.NAME + ".service";

  private final Path manifest;
  private final ServiceCommands commands;

  SystemdUserService(Path home, ServiceCommands commands) {
    this.manifest = home.resolve(".config/systemd/user").resolve(UNIT);
    this.commands = commands;
  }

  @Override
  public Path manifest() {
    return manifest;
  }

  @Override
  public void install(DaemonSpec spec) throws IOException {
    AtomicFile.write(manifest, SystemdUnit.render(spec).getBytes(StandardCharsets.UTF_8));
    require(systemctl("daemon-reload"));
    require(systemctl("enable", UNIT));
    // restart, not start: a unit that was already running (an older install) must pick up the new
    // command line.
    require(systemctl("restart", UNIT));
  }

  @Override
  public boolean uninstall() throws IOException {
    boolean existed = Files.exists(manifest);
    CommandResult disabled = systemctl("disable", "--now", UNIT);
    if (!disabled.ok() && !notFound(disabled.output()) && existed) {
      throw new IOException("systemctl --user disable failed: " + disabled.output());
    }
    Files.deleteIfExists(manifest);
    if (existed) {
      require(systemctl("daemon-reload"));
    }
    return existed || disabled.ok();
  }

  @Override
  public ServiceStatus status() throws IOException {
    boolean enabled = systemctl("is-enabled", UNIT).ok();
    if (!enabled && !Files.exists(manifest)) {
      return ServiceStatus.notInstalled(manifest);
    }
    Map<String, String> show =
        properties(
            systemctl("show", UNIT, "--property=ActiveState,SubState,Result,ExecMainStatus")
                .output());
    String active = show.getOrDefault("ActiveState", "");
    String sub = show.getOrDefault("SubState", "");
    String result = show.getOrDefault("Result", "success");
    OptionalInt lastExit = exitStatus(show.getOrDefault("ExecMainStatus", "0"));
    ServiceStatus.Running running;
    String detail = "";
    if (active.equals("active") && sub.equals("running")) {
      running = ServiceStatus.Running.RUNNING;
    } else if (!result.equals("success") || active.equals("failed") || sub.equals("auto-restart")) {
      // Restart=on-failure keeps a crashing daemon "activating (auto-restart)": that is a failure.
      running = ServiceStatus.Running.FAILED;
      detail = "result=" + result + (sub.isEmpty() ? "" : ", state=" + active + "/" + sub);
    } else {
      running = ServiceStatus.Running.STOPPED;
    }
    Optional<List<String>> line = readManifest().flatMap(SystemdUnit::execStart);
    return ServiceStatus.installed(enabled, running, detail, lastExit, manifest, line);
  }

  @Override
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    append(text, "systemctl --user status:", "systemctl", "--user", "status", "--no-pager", UNIT);
    append(
        text,
        "journal (last 50 lines):",
        "journalctl",
        "--user",
        "-u",
        UNIT,
        "-n",
        "50",
        "--no-pager");
    return text.toString().strip();
  }

  private void append(StringBuilder text, String header, String... argv) {
    try {
      String output = commands.run(List.of(argv)).output();
      if (!output.isEmpty()) {
        text.append(header).append('\n').append(output).append("\n\n");
      }
    } catch (IOException e) {
      text.append(header).append(' ').append(e.getMessage()).append("\n\n");
    }
  }

  private Optional<String> readManifest() throws IOException {
    return Files.exists(manifest) ? Optional.of(Files.readString(manifest)) : Optional.empty();
  }

  private CommandResult systemctl(String... args) throws IOException {
    List<String> argv = new java.util.ArrayList<>(List.of("systemctl", "--user"));
    argv.addAll(List.of(args));
    return commands.run(argv);
  }

  private static void require(CommandResult result) throws IOException {
    if (!result.ok()) {
      throw new IOException(
          "systemctl --user failed (exit " + result.exit() + "): " + result.output());
    }
  }

  private static boolean notFound(String output) {
    return output.contains("does not exist") || output.contains("not found");
  }

  static Map<String, String> properties(String output) {
    Map<String, String> map = new HashMap<>();
    for (String line : output.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return map;
  }

  private static OptionalInt exitStatus(String value) {
    try {
      int status = Integer.parseInt(value);
      return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
