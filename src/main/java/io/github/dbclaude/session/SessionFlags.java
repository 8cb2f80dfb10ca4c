package io.github.dbclaude.session;

/**
 * What this run's command line said about the session: the profile, a forced upstream and port
 * (empty or 0 when not given), and the OTEL flags.
 */
public record SessionFlags(String profile, String upstream, int port, OtelFlags otel) {}
