package io.github.dbclaude.usage;

import java.time.Instant;

/** A request still running: when it came, its session, its model once known, its age. */
public record InFlight(Instant time, String session, String model, long ageMillis) {}
