package io.github.dbclaude.websearch;

/** One search result; {@code snippet} may be empty. */
public record SearchHit(String title, String url, String snippet) {}
