package io.github.dbclaude.status;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the page says about this proxy besides usage; suppliers are asked at every render.
 *
 * @param profile the Databricks profile
 * @param workspace the workspace URL
 * @param logPath the debug log file, empty when not logging
 * @param sessions how many Claude Code sessions use this proxy now
 * @param tokenExpiry when the current token expires, empty when none is cached (never the token)
 */
public record StatusFacts(
    String version,
    String profile,
    String workspace,
    String logPath,
    IntSupplier sessions,
    Supplier<Optional<Instant>> tokenExpiry) {}
