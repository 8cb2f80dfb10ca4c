package io.github.dbclaude.service;

import io.github.dbclaude.testkit.PlistParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * Fake {@code systemctl}, {@code journalctl}, {@code launchctl} and {@code schtasks}: scripts on a
 * test's PATH that run this class. They record every call and, where the real manager would start
 * the service, parse the definition file back (an INI reading of the unit, a plist parser, an XML
 * parser) and really start its command line — with the bare environment a service gets — so the
 * daemon has to come up from exactly what was written.
 */
public final class FakeServiceManager {
  private static final List<String> TOOLS =
      List.of("systemctl", "journalctl", "launchctl", "schtasks");

  private final Path dir;
  private final Path home;

  private FakeServiceManager(Path dir, Path home) {
    this.dir = dir;
    this.home = home;
  }

  /** Writes the four scripts into {@code bin}; their state and call log live in {@code state}. */
  public static void install(Path bin, Path state) throws IOException {
    Files.createDirectories(bin);
    Files.createDirectories(state);
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    for (String tool : TOOLS) {
      Path script = bin.resolve(tool);
      Files.writeString(
          script,
          "#!/bin/sh\nexec '"
              + java
              + "' -cp '"
              + cp
              + "' "
              + FakeServiceManager.class.getName()
              + " '"
              + state
              + "' "
              + tool
              + " \"$@\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** Every call so far, {@code tool arg…} per line. */
  public static List<String> calls(Path state) throws IOException {
    Path log = state.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** Stops whatever the fake started (test clean-up). */
  public static void stopAll(Path state) {
    new FakeServiceManager(state, Path.of(".")).stop();
  }

  public static void main(String[] args) throws Exception {
    FakeServiceManager fake =
        new FakeServiceManager(Path.of(args[0]), Path.of(System.getenv("HOME")));
    List<String> rest = List.of(args).subList(2, args.length);
    fake.append("calls.log", args[1] + " " + String.join(" ", rest) + "\n");
    int status =
        switch (args[1]) {
          case "systemctl" -> fake.systemctl(rest.subList(1, rest.size()));
          case "journalctl" -> fake.print(fake.tail(fake.dir.resolve("journal.log")));
          case "launchctl" -> fake.launchctl(rest);
          default -> fake.schtasks(rest);
        };
    System.exit(status);
  }

  private int systemctl(List<String> args) throws Exception {
    String verb = args.getFirst();
    Path unit = home.resolve(".config/systemd/user/databricks-claude-daemon.service");
    Path enabled = dir.resolve("enabled");
    switch (verb) {
      case "enable" -> {
        Files.writeString(enabled, "");
        if (args.contains("--now")) {
          startUnit(unit);
        }
      }
      case "restart", "start" -> startUnit(unit);
      case "disable" -> {
        if (!Files.exists(enabled) && !Files.exists(unit)) {
          return print(
              "Failed to disable unit: Unit file " + unit.getFileName() + " does not exist.", 1);
        }
        Files.deleteIfExists(enabled);
        stop();
      }
      case "is-enabled" -> {
        return Files.exists(enabled) ? print("enabled", 0) : print("disabled", 1);
      }
      case "show" -> {
        return print(show(), 0);
      }
      case "status" -> {
        return print("databricks-claude-daemon.service\n" + show(), running() ? 0 : 3);
      }
      default -> {}
    }
    return 0;
  }

  private String show() throws IOException {
    Optional<String> exit = read("exit");
    if (running()) {
      return "ActiveState=active\nSubState=running\nResult=success\nExecMainStatus=0";
    }
    if (exit.isPresent() && !exit.get().equals("0")) {
      // Restart=on-failure: systemd shows a crashing unit waiting to be restarted.
      return "ActiveState=activating\nSubState=auto-restart\nResult=exit-code\nExecMainStatus="
          + exit.get();
    }
    return "ActiveState=inactive\nSubState=dead\nResult=success\nExecMainStatus=0";
  }

  /** Reads the unit as INI: the {@code [Service]} section's ExecStart and Environment. */
  private void startUnit(Path unit) throws Exception {
    Map<String, String> env = serviceEnvironment();
    List<String> command = List.of();
    String section = "";
    for (String line : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        section = trimmed;
      } else if (section.equals("[Service]") && trimmed.contains("=")) {
        String key = trimmed.substring(0, trimmed.indexOf('='));
        String value = trimmed.substring(trimmed.indexOf('=') + 1);
        if (key.equals("ExecStart")) {
          command = SystemdUnit.split(value);
        } else if (key.equals("Environment")) {
          for (String assignment : SystemdUnit.split(value)) {
            int eq = assignment.indexOf('=');
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
          }
        }
      }
    }
    stop();
    start(command, env, dir.resolve("journal.log"), dir.resolve("journal.log"));
  }

  private int launchctl(List<String> args) throws Exception {
    Path loaded = dir.resolve("loaded");
    switch (args.getFirst()) {
      case "bootout" -> {
        if (!Files.exists(loaded)) {
          return print("Boot-out failed: 3: No such process", 3);
        }
        stop();
        Files.delete(loaded);
      }
      case "bootstrap" -> {
        Files.writeString(loaded, args.get(2));
        startPlist(Path.of(args.get(2)));
      }
      case "kickstart" -> startPlist(Path.of(Files.readString(loaded)));
      case "print" -> {
        if (!Files.exists(loaded)) {
          return print("Could not find service \"databricks-claude-daemon\" in domain", 113);
        }
        return print(
            running()
                ? "\tstate = running\n\tpath = " + Files.readString(loaded)
                : "\tstate = not running\n\tlast exit code = " + read("exit").orElse("0"),
            0);
      }
      default -> {}
    }
    return 0;
  }

  private void startPlist(Path plist) throws Exception {
    Map<String, Object> dict = PlistParser.dict(PlistParser.parse(Files.readAllBytes(plist)));
    List<String> command = new ArrayList<>();
    PlistParser.array(dict.get("ProgramArguments")).forEach(a -> command.add((String) a));
    Map<String, String> env = serviceEnvironment();
    if (dict.containsKey("EnvironmentVariables")) {
      PlistParser.dict(dict.get("EnvironmentVariables")).forEach((k, v) -> env.put(k, (String) v));
    }
    stop();
    start(command, env, Path.of("/dev/null"), Path.of((String) dict.get("StandardErrorPath")));
  }

  private int schtasks(List<String> args) throws Exception {
    Path task = dir.resolve("task");
    switch (args.getFirst().toLowerCase(java.util.Locale.ROOT)) {
      case "/end" -> stop();
      case "/create" -> Files.writeString(task, args.get(args.indexOf("/XML") + 1));
      case "/run" -> {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(Path.of(Files.readString(task)).toFile());
        List<String> command = new ArrayList<>();
        command.add(xml.getElementsByTagNameNS(TaskXml.NS, "Command").item(0).getTextContent());
        command.addAll(
            WindowsArguments.split(
                xml.getElementsByTagNameNS(TaskXml.NS, "Arguments").item(0).getTextContent()));
        stop();
        // A task runs with the user's own environment, not a service's bare one.
        start(command, new HashMap<>(System.getenv()), Path.of("/dev/null"), Path.of("/dev/null"));
      }
      case "/query" -> {
        if (!Files.exists(task)) {
          return print("ERROR: The system cannot find the file specified.", 1);
        }
        return print(
            "\"TaskName\",\"Status\",\"Last Result\"\n\"\\databricks-claude-daemon\",\""
                + (running() ? "Running" : "Ready")
                + "\",\""
                + read("exit").orElse("267011")
                + "\"",
            0);
      }
      case "/delete" -> {
        if (!Files.deleteIfExists(task)) {
          return print("ERROR: The system cannot find the file specified.", 1);
        }
      }
      default -> {}
    }
    return 0;
  }

  private Map<String, String> serviceEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** Starts {@code command} detached; its exit status lands in {@code exit}. */
  private void start(List<String> command, Map<String, String> env, Path stdout, Path stderr)
      throws IOException {
    Files.deleteIfExists(dir.resolve("exit"));
    List<String> line =
        new ArrayList<>(
            List.of("sh", "-c", "\"$@\"; echo $? > '" + dir.resolve("exit") + "'", "sh"));
    line.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(line).redirectInput(new File("/dev/null"));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    Files.writeString(dir.resolve("pid"), Long.toString(process.pid()));
  }

  private boolean running() throws IOException {
    return read("pid")
        .flatMap(p -> ProcessHandle.of(Long.parseLong(p)))
        .map(ProcessHandle::isAlive)
        .orElse(false);
  }

  private void stop() {
    try {
      Optional<ProcessHandle> process =
          read("pid").flatMap(p -> ProcessHandle.of(Long.parseLong(p)));
      if (process.isPresent()) {
        process.get().descendants().forEach(ProcessHandle::destroy);
        process.get().onExit().get(30, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(dir.resolve("pid"));
    } catch (Exception e) {
      throw new IllegalStateException("fake service manager: cannot stop the service", e);
    }
  }

  private Optional<String> read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
  }

  private String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 50), lines.size()));
  }

  private int print(String text) {
    return print(text, 0);
  }

  private static int print(String text, int status) {
    System.out.println(text);
    return status;
  }

  private void append(String name, String text) {
    try {
      Files.writeString(
          dir.resolve(name), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
