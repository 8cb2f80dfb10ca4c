package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.service.DaemonSpec;
import io.github.dbclaude.service.ServiceStatus;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code serve status}: what the service manager says, the port the installed unit really passes
 * (not the state file's), and what the daemon on that port answers.
 */
final class ServiceStatusCommand {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private ServiceStatusCommand() {}

  static int run(Invocation call) throws UserFacingException {
    Environment environment = call.environment();
    ServiceStatus status;
    try {
      status = ServiceInstallCommand.manager(environment).status();
    } catch (IOException e) {
      throw new UserFacingException("serve status: " + e.getMessage());
    }
    int port =
        status.port().isPresent()
            ? status.port().getAsInt()
            : SessionPlan.configuredPort(
                call.options().port, UserFiles.of(environment, Log.discard()).state());
    PrintStream out = environment.out();
    out.println("Service:    " + DaemonSpec.NAME);
    out.println("Registered: " + (status.registered() ? "yes" : "no"));
    out.println("Running:    " + running(status));
    out.println(
        "Port:       "
            + port
            + (status.port().isPresent() ? " (from the unit)" : " (no unit: configured port)"));
    health(out, port);
    status.manifest().ifPresent(m -> out.println("Manifest:   " + m));
    status.binary().ifPresent(b -> out.println("Binary:     " + b));
    status.lastExit().ifPresent(code -> out.println("LastExit:   " + code));
    Optional<Path> current = environment.launcher();
    if (status.binary().isPresent()
        && current.isPresent()
        && !Path.of(status.binary().get()).equals(current.get().toAbsolutePath())) {
      out.println("WARNING: the service runs another databricks-claude than this one — run");
      out.println("  'databricks-claude serve install' again to point it here");
      out.println("  service: " + status.binary().get());
      out.println("  this:    " + current.get().toAbsolutePath());
    }
    return 0;
  }

  private static String running(ServiceStatus status) {
    return switch (status.running()) {
      case RUNNING -> "yes";
      case STOPPED -> "no";
      case FAILED -> "no (failed" + (status.detail().isEmpty() ? "" : ", " + status.detail()) + ")";
    };
  }

  private static void health(PrintStream out, int port) {
    Optional<HealthProbe.Health> health = HealthProbe.probe(port, PROBE_TIMEOUT);
    if (health.isEmpty() || !health.get().isOurs()) {
      out.println("Healthy:    no (nothing of ours answers on 127.0.0.1:" + port + ")");
      return;
    }
    out.println(
        "Healthy:    yes ("
            + (health.get().daemon() ? "mode=daemon" : "mode=session proxy, not the daemon")
            + ")");
    try {
      out.println(
          "Health:     " + LoopbackHttp.send(port, "GET", "/health", PROBE_TIMEOUT).body().strip());
    } catch (IOException e) {
      // it answered the probe a moment ago; the line above says enough
    }
  }
}
