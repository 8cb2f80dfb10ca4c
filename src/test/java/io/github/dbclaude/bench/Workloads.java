package io.github.dbclaude.bench;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.demo.TestReplies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The benchmark's request patterns, each run against one {@link Target}. */
final class Workloads {
  /**
   * A small non-streaming Messages request; the gateway answers it with a ~300-byte JSON message.
   */
  static final byte[] SMALL_BODY =
      ("{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] STREAM_BODY =
      ("{\"model\":\"databricks-claude-sonnet\",\"max_tokens\":16,\"stream\":true,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final String FIRST_EVENT =
      "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
  private static final String LAST_EVENT =
      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  /** A streamed answer as Claude sends it: start, {@code n} small text deltas, stop. */
  private static List<String> streamEvents(int deltas) {
    List<String> events = new ArrayList<>(deltas + 2);
    events.add(FIRST_EVENT);
    for (int i = 0; i < deltas; i++) {
      events.add(
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              + "\"delta\":{\"type\":\"text_delta\",\"text\":\"word"
              + i
              + " \"}}\n\n");
    }
    events.add(LAST_EVENT);
    return List.copyOf(events);
  }

  private final ScriptedGateway gateway;
  private final Map<Integer, List<String>> streams = new HashMap<>();

  Workloads(ScriptedGateway gateway) {
    this.gateway = gateway;
  }

  /**
   * {@code count} small requests one after another on one keep-alive connection; each one's nanos.
   */
  long[] sequential(Target target, int count) throws IOException {
    long[] nanos = new long[count];
    try (BenchClient client = target.client()) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        client.post(target.messagesPath(), target.authorization(), SMALL_BODY);
        nanos[i] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  /**
   * {@code total} small requests from {@code concurrency} keep-alive clients; requests per second.
   */
  double throughput(Target target, int concurrency, int total) throws Exception {
    AtomicInteger remaining = new AtomicInteger(total);
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[concurrency];
    for (int t = 0; t < concurrency; t++) {
      threads[t] =
          Thread.ofPlatform()
              .name("load-" + t)
              .start(
                  () -> {
                    try (BenchClient client = target.client()) {
                      go.await();
                      while (remaining.getAndDecrement() > 0) {
                        client.post(target.messagesPath(), target.authorization(), SMALL_BODY);
                      }
                    } catch (Exception e) {
                      failure.compareAndSet(null, e);
                      remaining.set(0);
                    }
                  });
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw failure.get();
    }
    return total / (elapsed / 1e9);
  }

  /**
   * One streamed answer of {@code bytes} bytes; MB/s (10^6 bytes per second) as the client read it.
   */
  double largeDownload(Target target, long bytes) throws IOException {
    gateway.script(TestReplies.large(bytes));
    try (BenchClient client = target.client()) {
      long start = System.nanoTime();
      long got = client.post(target.messagesPath(), target.authorization(), STREAM_BODY);
      long elapsed = System.nanoTime() - start;
      if (got != bytes) {
        throw new IOException(target.name() + ": got " + got + " of " + bytes + " bytes");
      }
      return bytes / 1e6 / (elapsed / 1e9);
    }
  }

  /**
   * {@code runs} SSE answers whose first event is sent at once and the rest only after the client
   * saw it; the nanos from sending each request to having its first event.
   */
  long[] firstEvent(Target target, int runs) throws IOException {
    long[] nanos = new long[runs];
    try (BenchClient client = target.client()) {
      for (int i = 0; i < runs; i++) {
        CountDownLatch release = new CountDownLatch(1);
        gateway.script(TestReplies.held(List.of(FIRST_EVENT), release, List.of(LAST_EVENT)));
        long[] firstAt = {0};
        long start = System.nanoTime();
        client.post(
            target.messagesPath(),
            target.authorization(),
            STREAM_BODY,
            () -> {
              firstAt[0] = System.nanoTime();
              release.countDown();
            });
        if (firstAt[0] == 0) {
          throw new IOException(target.name() + ": no SSE event seen");
        }
        nanos[i] = firstAt[0] - start;
      }
    }
    return nanos;
  }

  /**
   * One SSE answer of {@code events} events, each written and flushed on its own by the gateway (as
   * a model streams tokens); the nanos from sending the request to having read the whole body.
   */
  long stream(Target target, int events) throws IOException {
    List<String> script = streams.computeIfAbsent(events, n -> streamEvents(n - 2));
    gateway.script(Reply.sse(script, Duration.ZERO));
    try (BenchClient client = target.client()) {
      long start = System.nanoTime();
      client.post(target.messagesPath(), target.authorization(), STREAM_BODY);
      return System.nanoTime() - start;
    }
  }

  /** The {@code p}-th percentile (0..100) of {@code samples}, nearest-rank. */
  static long percentile(long[] samples, double p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static long[] concat(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }
}
