/**
 * Local fulfilment of web search and web fetch for {@code --with-websearch}: search backends
 * (DuckDuckGo's HTML page, or none), a page fetcher with a byte budget that honours robots.txt, and
 * readable text from HTML.
 *
 * <p>May depend on: json, log, platform.
 */
package io.github.dbclaude.websearch;
