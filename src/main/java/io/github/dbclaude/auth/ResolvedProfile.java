package io.github.dbclaude.auth;

/**
 * A Databricks CLI profile name and where it came from ("--profile flag", "state file", "default").
 */
public record ResolvedProfile(String name, String source) {}
