package io.github.dbclaude.config;

/**
 * The version a {@code claude --version} printed for the binary at {@code path} as it was at {@code
 * modified} (epoch milliseconds), so launches ask again only after Claude Code changes.
 */
public record ClaudeBinary(String path, long modified, String version) {}
