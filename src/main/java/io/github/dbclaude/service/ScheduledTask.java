package io.github.dbclaude.service;

import io.github.dbclaude.config.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Windows: a Scheduled Task started at logon. Task Scheduler cannot set environment variables, so
 * the daemon finds the Databricks CLI the usual way (state file, then PATH).
 */
final class ScheduledTask implements ServiceManager {
  /** Task Scheduler's "the task has not yet run" and "is currently running" result codes. */
  private static final List<String> NOT_FAILURES = List.of("0", "267011", "267009", "267008");

  private final Path manifest;
  private final ServiceCommands commands;

  ScheduledTask(Path home, ServiceCommands commands) {
    this.manifest =
        home.resolve("AppData/Local/databricks-claude").resolve(DaemonSpec.NAME + ".xml");
    this.commands = commands;
  }

  @Override
  public Path manifest() {
    return manifest;
  }

  @Override
  public void install(DaemonSpec spec) throws IOException {
    AtomicFile.write(manifest, TaskXml.render(spec));
    // A running daemon of an older install holds the port: end it before the new one starts.
    commands.run(List.of("schtasks", "/End", "/TN", DaemonSpec.NAME));
    require(
        commands.run(
            List.of(
                "schtasks", "/Create", "/XML", manifest.toString(), "/TN", DaemonSpec.NAME, "/F")));
    require(commands.run(List.of("schtasks", "/Run", "/TN", DaemonSpec.NAME)));
  }

  @Override
  public boolean uninstall() throws IOException {
    boolean existed = Files.exists(manifest);
    commands.run(List.of("schtasks", "/End", "/TN", DaemonSpec.NAME));
    CommandResult deleted =
        commands.run(List.of("schtasks", "/Delete", "/TN", DaemonSpec.NAME, "/F"));
    if (!deleted.ok() && !notFound(deleted.output())) {
      throw new IOException("schtasks /Delete failed: " + deleted.output());
    }
    Files.deleteIfExists(manifest);
    return existed || deleted.ok();
  }

  @Override
  public ServiceStatus status() throws IOException {
    CommandResult query =
        commands.run(List.of("schtasks", "/Query", "/TN", DaemonSpec.NAME, "/V", "/FO", "CSV"));
    if (!query.ok()) {
      return ServiceStatus.notInstalled(manifest);
    }
    Map<String, String> row = csvRow(query.output());
    String state = row.getOrDefault("Status", "");
    String result = row.getOrDefault("Last Result", "0");
    OptionalInt lastExit = OptionalInt.empty();
    ServiceStatus.Running running;
    String detail = "";
    if (state.equalsIgnoreCase("Running")) {
      running = ServiceStatus.Running.RUNNING;
    } else if (!NOT_FAILURES.contains(result)) {
      running = ServiceStatus.Running.FAILED;
      detail = "last result " + result;
      lastExit = parse(result);
    } else {
      running = ServiceStatus.Running.STOPPED;
    }
    Optional<List<String>> line =
        Files.exists(manifest)
            ? TaskXml.commandLine(Files.readAllBytes(manifest))
            : Optional.empty();
    return ServiceStatus.installed(true, running, detail, lastExit, manifest, line);
  }

  @Override
  public String diagnostics() {
    try {
      CommandResult query =
          commands.run(List.of("schtasks", "/Query", "/TN", DaemonSpec.NAME, "/V", "/FO", "LIST"));
      return "schtasks /Query:\n" + query.output();
    } catch (IOException e) {
      return "schtasks /Query: " + e.getMessage();
    }
  }

  private static boolean notFound(String output) {
    String lower = output.toLowerCase(Locale.ROOT);
    return lower.contains("cannot find") || lower.contains("does not exist");
  }

  private static OptionalInt parse(String value) {
    try {
      return OptionalInt.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static void require(CommandResult result) throws IOException {
    if (!result.ok()) {
      throw new IOException("schtasks failed (exit " + result.exit() + "): " + result.output());
    }
  }

  /** The first data row of schtasks' CSV output, keyed by its header row. */
  static Map<String, String> csvRow(String csv) {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    Map<String, String> row = new HashMap<>();
    if (lines.size() < 2) {
      return row;
    }
    List<String> header = csvFields(lines.get(0));
    List<String> values = csvFields(lines.get(1));
    for (int i = 0; i < Math.min(header.size(), values.size()); i++) {
      row.put(header.get(i), values.get(i));
    }
    return row;
  }

  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
