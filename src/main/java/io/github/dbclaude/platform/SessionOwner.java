package io.github.dbclaude.platform;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the program a hook command belongs to: Claude Code runs hooks through a shell, so the owner
 * is the first ancestor of this process that is neither a shell nor our own launcher. Knowing it
 * lets a session's lease be dropped once that program is gone, even when it never ran its
 * SessionEnd hook.
 */
public final class SessionOwner {
  private static final Set<String> INTERMEDIARIES =
      Set.of(
          "sh",
          "bash",
          "dash",
          "zsh",
          "fish",
          "ksh",
          "mksh",
          "busybox",
          "cmd",
          "powershell",
          "pwsh",
          "java",
          "databricks-claude",
          "env",
          "timeout",
          "nohup",
          "setsid");

  /** A process, identified by its pid and start time so a reused pid is not mistaken for it. */
  public record Owner(long pid, Optional<Instant> started) {
    /** True while this very process still runs. */
    public boolean isAlive() {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isEmpty() || !handle.get().isAlive()) {
        return false;
      }
      Optional<Instant> now = handle.get().info().startInstant();
      return started.isEmpty() || now.isEmpty() || now.equals(started);
    }
  }

  private SessionOwner() {}

  /** The nearest ancestor of {@code start} that is not a shell or launcher, if any. */
  public static Optional<Owner> of(ProcessHandle start) {
    Optional<ProcessHandle> current = start.parent();
    for (int depth = 0; current.isPresent() && depth < 8; depth++) {
      ProcessHandle p = current.get();
      if (p.pid() <= 1) {
        return Optional.empty();
      }
      String name = p.info().command().map(SessionOwner::baseName).orElse("");
      if (!name.isEmpty() && !INTERMEDIARIES.contains(name)) {
        return Optional.of(new Owner(p.pid(), p.info().startInstant()));
      }
      current = p.parent();
    }
    return Optional.empty();
  }

  static String baseName(String command) {
    String name = Path.of(command).getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
  }
}
