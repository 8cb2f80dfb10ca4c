package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeTokenSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "done when": malformed and hostile requests get a clean 4xx (or a closed connection),
 * nothing of them reaches the gateway, and the proxy serves on.
 */
class HostileInputTest {
  private static final String HOST = "Host: 127.0.0.1\r\n";

  private static Map<String, byte[]> corpus() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    byte[] garbage = new byte[4096];
    new java.util.Random(12).nextBytes(garbage);
    corpus.put("garbage bytes", garbage);
    corpus.put(
        "1 MB of headers",
        ("GET /v1/models HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(1024 * 1024) + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    corpus.put(
        "bad chunk size",
        ascii(
            "POST /v1/messages HTTP/1.1\r\n"
                + HOST
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
    corpus.put(
        "Content-Length with Transfer-Encoding",
        ascii(
            "POST /v1/messages HTTP/1.1\r\n"
                + HOST
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\n"
                + HOST
                + "\r\n"));
    corpus.put(
        "two Content-Lengths",
        ascii(
            "POST /v1/messages HTTP/1.1\r\n"
                + HOST
                + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}"));
    corpus.put(
        "obs-fold", ascii("GET /v1/models HTTP/1.1\r\n" + HOST + "X-Folded: a\r\n  b\r\n\r\n"));
    corpus.put(
        "NUL in a header", ascii("GET /v1/models HTTP/1.1\r\n" + HOST + "X-Nul: a\u0000b\r\n\r\n"));
    corpus.put(
        "bare CR in a header", ascii("GET /v1/models HTTP/1.1\r\n" + HOST + "X-Cr: a\rb\r\n\r\n"));
    corpus.put("bad request line", ascii("GET\r\n\r\n"));
    corpus.put("space in the path", ascii("GET /v1/mo dels HTTP/1.1\r\n" + HOST + "\r\n"));
    return corpus;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void everyHostileRequestGetsA4xxAndTheProxyServesOn() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      for (Map.Entry<String, byte[]> entry : corpus().entrySet()) {
        String raw = RawHttp.send(f.proxy.port(), entry.getValue());

        assertThat(raw).as(entry.getKey()).matches("(?s)(HTTP/1\\.1 4\\d\\d .*)?");
        assertThat(raw).as(entry.getKey()).doesNotContain("HttpConnection").doesNotContain("@");

        HttpResponse<String> health = f.send(f.request("/health"));
        assertThat(health.statusCode()).as("after " + entry.getKey()).isEqualTo(200);
      }
      assertThat(f.gateway.requests()).isEmpty();
    }
  }
}
