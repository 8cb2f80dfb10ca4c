package io.github.dbclaude.status;

import io.github.dbclaude.usage.InFlight;
import io.github.dbclaude.usage.UsageRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything one render of the page shows, gathered before any HTML is written.
 *
 * @param history the last 14 days of records, oldest first (charts and today's totals)
 * @param latest the last requests, newest first
 * @param dropped usage records this proxy could not queue
 * @param note a problem reading the database, shown on the page
 */
record StatusView(
    StatusFacts facts,
    Instant now,
    ZoneId zone,
    int sessions,
    Optional<Instant> tokenExpiry,
    List<InFlight> inFlight,
    List<UsageRecord> latest,
    List<UsageRecord> history,
    long dropped,
    String note) {}
