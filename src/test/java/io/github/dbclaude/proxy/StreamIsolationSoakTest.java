package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway.RecordedRequest;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.testkit.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 1 and 5: many concurrent streams through one proxy while the gateway cuts, fails
 * and delays others at random. One stream's trouble must stay its own: every stream the gateway
 * completed arrives byte-identical, every cut one arrives incomplete, and afterwards the proxy's
 * threads and file descriptors return near where they were.
 */
class StreamIsolationSoakTest {
  private static final Duration SOAK = Duration.ofSeconds(20);
  private static final int CLIENTS = 16;
  private static final Pattern PLAN = Pattern.compile("\"soak\":\"(\\w+)-(\\d+)\"");

  private static final java.util.Set<Integer> GATEWAY_DONE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private enum Kind {
    HEALTHY,
    SLOW,
    CUT,
    ERROR
  }

  @Test
  void streamsTheGatewayCompletesArriveByteIdenticalWhileOthersAreCut() throws Exception {
    RecordingLog log = new RecordingLog();
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"), log, c -> c)) {
      f.gateway.answerWith(StreamIsolationSoakTest::plannedReply);
      warmUp(f);
      long threadsBefore = proxyThreads();
      long descriptorsBefore = openDescriptors();

      Tally tally = soak(f);

      assertThat(tally.failures)
          .as(
              "streams that broke although the gateway completed them; proxy log:%n%s",
              failures(log))
          .isEmpty();
      assertThat(tally.completed.get()).as("completed streams checked").isGreaterThan(50);
      assertThat(tally.cut.get()).as("cut streams seen as incomplete").isGreaterThan(10);
      assertThat(tally.errors.get()).as("gateway errors relayed").isGreaterThan(5);

      f.client.close();
      assertThat(awaitAtMost(() -> proxyThreads(), threadsBefore + 6, Duration.ofSeconds(60)))
          .as("proxy and upstream threads after the soak (before: %d)", threadsBefore)
          .isLessThanOrEqualTo(threadsBefore + 6);
      if (descriptorsBefore >= 0) {
        // Pooled idle upstream connections may stay open; a leak would grow with the request count.
        long bound = descriptorsBefore + 4L * CLIENTS + 16;
        assertThat(
                awaitAtMost(
                    StreamIsolationSoakTest::openDescriptors, bound, Duration.ofSeconds(30)))
            .as("open descriptors after %d requests (before: %d)", tally.total(), descriptorsBefore)
            .isLessThanOrEqualTo(bound);
      }
    }
  }

  /** The proxy's log lines about failed requests, the first 40 of them. */
  private static String failures(RecordingLog log) {
    return log.lines.stream()
        .filter(line -> line.contains("failed"))
        .limit(40)
        .collect(Collectors.joining("\n"));
  }

  private static final class Tally {
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    int total() {
      return completed.get() + cut.get() + errors.get();
    }
  }

  private static Tally soak(ProxyFixture f) throws Exception {
    Tally tally = new Tally();
    AtomicInteger ids = new AtomicInteger();
    long end = System.nanoTime() + SOAK.toNanos();
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random random = new Random(c);
        running.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    Kind kind = Kind.values()[pick(random)];
                    oneStream(f, kind, ids.incrementAndGet(), tally);
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get(SOAK.toSeconds() + 120, TimeUnit.SECONDS);
      }
    }
    return tally;
  }

  /** Half healthy, a sixth slow, a sixth cut, a sixth failed with an error status. */
  private static int pick(Random random) {
    int roll = random.nextInt(6);
    return roll < 3 ? 0 : roll - 2;
  }

  private static void oneStream(ProxyFixture f, Kind kind, int id, Tally tally) {
    String body = "{\"stream\":true,\"soak\":\"" + kind + "-" + id + "\"}";
    HttpRequest request =
        f.request("/v1/messages")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(90))
            .build();
    try {
      HttpResponse<byte[]> response =
          f.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (kind == Kind.CUT) {
        tally.failures.add(
            id + ": a cut stream arrived as complete (" + response.statusCode() + ")");
      } else if (kind == Kind.ERROR) {
        check(tally, id, response.statusCode() == 529, "status " + response.statusCode());
        check(
            tally,
            id,
            new String(response.body(), StandardCharsets.UTF_8).equals(errorBody(id)),
            "error body");
        tally.errors.incrementAndGet();
      } else {
        check(tally, id, response.statusCode() == 200, "status " + response.statusCode());
        check(
            tally,
            id,
            sha256(response.body()).equals(sha256(streamBytes(id))),
            "sha256 of the stream" + diff(response.body(), streamBytes(id)));
        tally.completed.incrementAndGet();
      }
    } catch (IOException e) {
      if (kind == Kind.CUT) {
        tally.cut.incrementAndGet();
      } else {
        tally.failures.add(
            id + " (" + kind + ", gateway wrote all: " + GATEWAY_DONE.contains(id) + "): " + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String diff(byte[] got, byte[] want) {
    int i = 0;
    while (i < got.length && i < want.length && got[i] == want[i]) {
      i++;
    }
    return " got "
        + got.length
        + " want "
        + want.length
        + " first difference at "
        + i
        + ": got ["
        + new String(
            got,
            Math.max(0, i - 40),
            Math.min(got.length, i + 120) - Math.max(0, i - 40),
            StandardCharsets.ISO_8859_1)
        + "] want ["
        + new String(
            want,
            Math.max(0, i - 40),
            Math.min(want.length, i + 120) - Math.max(0, i - 40),
            StandardCharsets.ISO_8859_1)
        + "]";
  }

  private static void check(Tally tally, int id, boolean ok, String what) {
    if (!ok) {
      tally.failures.add(id + ": wrong " + what);
    }
  }

  private static Optional<Reply> plannedReply(RecordedRequest request) {
    Matcher plan = PLAN.matcher(new String(request.body(), StandardCharsets.UTF_8));
    if (!plan.find()) {
      return Optional.empty();
    }
    Kind kind = Kind.valueOf(plan.group(1));
    int id = Integer.parseInt(plan.group(2));
    return Optional.of(
        (recorded, response, out, raw) -> {
          if (kind == Kind.ERROR) {
            byte[] bytes = errorBody(id).getBytes(StandardCharsets.UTF_8);
            response.setStatus(529);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            out.write(bytes);
            return;
          }
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
          List<byte[]> events = events(id);
          int stopAt = kind == Kind.CUT ? 2 + id % Math.max(1, events.size() - 2) : events.size();
          for (int i = 0; i < stopAt; i++) {
            out.write(events.get(i));
            out.flush();
            if (kind == Kind.SLOW) {
              pause(5 + id % 20);
            }
          }
          if (kind != Kind.CUT) {
            GATEWAY_DONE.add(id);
          }
          if (kind == Kind.CUT) {
            // Failing the handler after the response is committed makes Jetty abort the
            // connection: the proxy sees the body end mid-stream, as with a gateway dropping it.
            throw new IOException("soak: cut on purpose");
          }
        });
  }

  private static String errorBody(int id) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy "
        + id
        + "\"}}";
  }

  /** A stream of 3–40 events of 20 bytes to 6 KB each, different for every id. */
  private static List<byte[]> events(int id) {
    Random random = new Random(id * 7919L);
    int count = 3 + random.nextInt(38);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int size = 20 + random.nextInt(6000);
      while (text.length() < size) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      events.add(
          ("event: content_block_delta\ndata: {\"id\":"
                  + id
                  + ",\"i\":"
                  + i
                  + ",\"text\":\""
                  + text
                  + "\"}\n\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return events;
  }

  private static byte[] streamBytes(int id) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    events(id).forEach(all::writeBytes);
    return all.toByteArray();
  }

  private static void warmUp(ProxyFixture f) throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> response =
          f.client.send(
              f.request("/v1/messages")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"stream\":true,\"soak\":\"HEALTHY-0\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.body()).isEqualTo(streamBytes(0));
    }
  }

  private static long proxyThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("proxy-") || name.startsWith("upstream-"))
        .count();
  }

  /** Open file descriptors of this JVM, or -1 where the platform does not list them. */
  private static long openDescriptors() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> list = Files.list(fds)) {
      return list.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private interface Measure {
    long now();
  }

  /** Polls {@code measure} until it is at most {@code bound} or {@code patience} ran out. */
  private static long awaitAtMost(Measure measure, long bound, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    long value = measure.now();
    while (value > bound && System.nanoTime() < deadline) {
      Thread.sleep(250);
      value = measure.now();
    }
    return value;
  }

  private static void pause(int millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
