package io.github.dbclaude.websearch;

import java.io.IOException;
import java.util.List;

/** A web search engine; new engines (Brave, SearXNG) implement this. */
public interface SearchBackend {
  /** The name shown to the user, e.g. {@code duckduckgo}. */
  String name();

  /** At most {@code max} results; an empty list when there are none. */
  List<SearchHit> search(String query, int max) throws IOException;
}
