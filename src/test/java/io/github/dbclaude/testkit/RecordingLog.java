package io.github.dbclaude.testkit;

import io.github.dbclaude.log.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps every line for assertions. */
public final class RecordingLog implements Log {
  public final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void debug(String message) {
    lines.add(message);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  public String all() {
    return String.join("\n", lines);
  }
}
