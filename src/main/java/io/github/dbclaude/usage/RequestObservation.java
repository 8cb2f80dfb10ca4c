package io.github.dbclaude.usage;

import io.github.dbclaude.proxy.ProxyObserver;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One {@code /v1/messages} exchange as the proxy relays it: times the first and last byte, reads
 * the usage out of the body, and hands the finished record to the recorder. A failure in here only
 * loses this record, never the request.
 */
final class RequestObservation implements ProxyObserver.Observation {
  private final UsageRecorder recorder;
  private final Instant time;
  private final long startNanos;
  private final String session;
  private final ResponseUsage usage = new ResponseUsage();
  private volatile long firstByteNanos = -1;
  private volatile boolean broken;

  RequestObservation(UsageRecorder recorder, Instant time, long startNanos, String session) {
    this.recorder = recorder;
    this.time = time;
    this.startNanos = startNanos;
    this.session = session;
  }

  @Override
  public void responseStarted(int status, String contentType) {
    guarded(() -> usage.begin(contentType));
  }

  @Override
  public void body(ByteBuffer bytes) {
    if (firstByteNanos < 0 && bytes.hasRemaining()) {
      firstByteNanos = recorder.nanoTime();
    }
    guarded(() -> usage.body(bytes));
  }

  @Override
  public void finished(int status, Throwable failure, boolean webToolsLocal) {
    long end = recorder.nanoTime();
    guarded(usage::end);
    String error = usage.error();
    if (error.isEmpty() && failure != null) {
      error = firstByteNanos < 0 ? "proxy_error" : "stream_cut";
    }
    recorder.finished(
        this,
        new UsageRecord(
            time,
            session,
            usage.model(),
            status,
            error,
            millis(end - startNanos),
            firstByteNanos < 0 ? -1 : millis(firstByteNanos - startNanos),
            broken ? TokenCounts.ZERO : usage.tokens(),
            webToolsLocal,
            usage.stream()));
  }

  /** For the status page's in-flight list. */
  InFlight inFlight(long nowNanos) {
    return new InFlight(time, session, usage.model(), millis(nowNanos - startNanos));
  }

  private void guarded(Runnable step) {
    if (broken) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      broken = true;
      recorder.parseFailed(e);
    }
  }

  private static long millis(long nanos) {
    return Math.max(0, nanos / 1_000_000);
  }
}
