package io.github.dbclaude.websearch;

import java.io.IOException;
import java.util.List;

/** The {@code none} backend: every search fails with a message that says how to turn it on. */
final class DisabledSearch implements SearchBackend {
  @Override
  public String name() {
    return "none";
  }

  @Override
  public List<SearchHit> search(String query, int max) throws IOException {
    throw new IOException("web_search backend disabled (--websearch-backend=none)");
  }
}
