package io.github.dbclaude.log;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A log that writes {@code yyyy/MM/dd HH:mm:ss message} lines to one or more streams. */
public final class StreamLog implements Log {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss ");
  private final List<PrintStream> sinks;

  public StreamLog(List<PrintStream> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void debug(String message) {
    String line =
        STAMP.format(LocalDateTime.now(ZoneId.systemDefault())) + Redactor.redact(message);
    synchronized (this) {
      for (PrintStream s : sinks) {
        s.println(line);
        s.flush();
      }
    }
  }

  @Override
  public boolean enabled() {
    return !sinks.isEmpty();
  }
}
