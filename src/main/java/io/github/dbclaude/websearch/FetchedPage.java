package io.github.dbclaude.websearch;

/**
 * A fetched page as readable text.
 *
 * @param url the final URL, after redirects
 * @param truncated whether the page was longer than the fetch budget
 */
public record FetchedPage(String url, String contentType, String text, boolean truncated) {}
