package io.github.dbclaude.proxy;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a daemon's {@code /health} adds: the profile it serves and until when its cached token is
 * good, so {@code serve status} and Desktop administrators can see both.
 *
 * @param tokenValidUntil the cached token's expiry, empty before the first token; must not block
 */
public record DaemonHealth(String profile, Supplier<Optional<Instant>> tokenValidUntil) {}
