package io.github.dbclaude.proxy;

import io.github.dbclaude.websearch.WebTools;
import java.util.Optional;

/**
 * The {@link LocalTools} for the {@link WebTools} the source names now. The same tools keep the
 * same {@code LocalTools}, so its per-{@code tool_use_id} cache outlives single requests.
 */
final class CurrentLocalTools {
  private record Paired(WebTools tools, LocalTools local) {}

  private final WebToolsSource source;
  private volatile Paired last;

  CurrentLocalTools(WebToolsSource source) {
    this.source = source;
  }

  /** The local tools for the request being forwarded now, or empty for pass-through. */
  Optional<LocalTools> current() {
    return source.current().map(this::localFor);
  }

  private LocalTools localFor(WebTools tools) {
    Paired seen = last;
    if (seen != null && seen.tools() == tools) {
      return seen.local();
    }
    // Two racing requests may each build one; either is correct, one cache is simply lost.
    Paired fresh = new Paired(tools, new LocalTools(tools));
    last = fresh;
    return fresh.local();
  }
}
