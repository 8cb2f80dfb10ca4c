package io.github.dbclaude.bench;

import io.github.dbclaude.demo.HeldReply;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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

  private final SimulatedGateway gateway;

  Workloads(SimulatedGateway gateway) {
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
    gateway.script(Reply.large(bytes));
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
        gateway.script(HeldReply.sse(List.of(FIRST_EVENT), release, List.of(LAST_EVENT)));
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
