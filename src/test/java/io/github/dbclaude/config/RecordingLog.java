package io.github.dbclaude.config;

import io.github.dbclaude.log.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps its lines for assertions. */
final class RecordingLog implements Log {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void debug(String message) {
    lines.add(message);
  }

  @Override
  public boolean enabled() {
    return true;
  }
}
