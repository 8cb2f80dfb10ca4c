package io.github.dbclaude.usage;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.ProxyObserver;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The proxy's usage observer: follows every {@code POST …/v1/messages}, keeps the requests in
 * flight and this proxy's most recent ones in memory, and offers each finished record to the
 * writer.
 */
public final class UsageRecorder {
  static final String SESSION_HEADER = "x-claude-code-session-id";
  private static final int RECENT = 50;

  private final UsageSink sink;
  private final InstantSource clock;
  private final LongSupplier nanoTime;
  private final Log log;
  private final Set<RequestObservation> running = ConcurrentHashMap.newKeySet();
  private final Deque<UsageRecord> recent = new ArrayDeque<>();
  private volatile boolean parseFailureLogged;

  public UsageRecorder(UsageSink sink, InstantSource clock, LongSupplier nanoTime, Log log) {
    this.sink = sink;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.log = log;
  }

  /** Where finished records go: the database writer, or a list in tests. */
  @FunctionalInterface
  public interface UsageSink {
    /** Takes the record without blocking; false when it had to be dropped. */
    boolean offer(UsageRecord record);
  }

  /** What the proxy calls when a request starts (see {@link ProxyObserver#started}). */
  public ProxyObserver.Observation started(
      String method, String path, UnaryOperator<String> header) {
    if (!"POST".equals(method) || path == null || !path.endsWith("/v1/messages")) {
      return ProxyObserver.Observation.NONE;
    }
    String session = header.apply(SESSION_HEADER);
    RequestObservation observation =
        new RequestObservation(
            this, clock.instant(), nanoTime.getAsLong(), session == null ? "" : session.strip());
    running.add(observation);
    return observation;
  }

  void finished(RequestObservation observation, UsageRecord record) {
    running.remove(observation);
    synchronized (recent) {
      recent.addFirst(record);
      if (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
    sink.offer(record);
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  void parseFailed(RuntimeException e) {
    if (!parseFailureLogged) {
      parseFailureLogged = true;
      log.debug("usage: could not read a response's usage (figures of that request lost): " + e);
    }
  }

  /** The requests in flight, oldest first. */
  public List<InFlight> inFlight() {
    long now = nanoTime.getAsLong();
    return running.stream()
        .map(o -> o.inFlight(now))
        .sorted(Comparator.comparing(InFlight::time))
        .toList();
  }

  /** This proxy's last finished requests, newest first. */
  public List<UsageRecord> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
