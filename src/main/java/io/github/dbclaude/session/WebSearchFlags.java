package io.github.dbclaude.session;

/** What this run's command line said about local web search, and which flags were given. */
public record WebSearchFlags(
    boolean withWebsearch,
    boolean withWebsearchGiven,
    String websearchBackend,
    boolean websearchBackendGiven,
    int websearchFetchBudget,
    boolean websearchFetchBudgetGiven) {}
