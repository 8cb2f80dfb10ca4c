package io.github.dbclaude.proxy;

import io.github.dbclaude.websearch.WebTools;
import java.util.Optional;

/**
 * Whether, and with which {@link WebTools}, the proxy fulfils web search and fetch itself; asked
 * once per {@code /v1/messages} request so a long-lived shared proxy follows what later sessions
 * save. An empty answer means pass-through: the request bytes go upstream unchanged.
 */
@FunctionalInterface
public interface WebToolsSource {
  /** Never fulfils web tools locally. */
  WebToolsSource OFF = Optional::empty;

  /** The tools for the request being forwarded now, or empty for pass-through. */
  Optional<WebTools> current();

  /** Always the same tools. */
  static WebToolsSource always(WebTools tools) {
    Optional<WebTools> fixed = Optional.of(tools);
    return () -> fixed;
  }
}
