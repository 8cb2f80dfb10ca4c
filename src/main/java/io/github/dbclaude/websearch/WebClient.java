package io.github.dbclaude.websearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client of the web tools: one deadline for a whole call (redirects and body included), at
 * most two redirects followed (a third redirect answer is returned as the result, as the original
 * does), and bodies read only up to a limit.
 */
final class WebClient {
  static final String USER_AGENT = "Mozilla/5.0 (compatible; databricks-claude/websearch)";
  static final int MAX_REDIRECTS = 2;
  private final Duration timeout;
  private HttpClient http;

  /** A response; {@code truncated} when the body had more than the limit. */
  record Reply(int status, URI url, String contentType, byte[] body, boolean truncated) {}

  WebClient(Duration timeout) {
    this.timeout = timeout;
  }

  Reply get(URI url, String accept, int limit) throws IOException {
    return send(url, null, accept, limit);
  }

  Reply postForm(URI url, String form, int limit) throws IOException {
    return send(url, form, "text/html", limit);
  }

  private Reply send(URI url, String form, String accept, int limit) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI current = url;
    String body = form;
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = open(current, body, accept, deadline);
      String location = response.headers().firstValue("location").orElse("");
      if (!isRedirect(response.statusCode()) || location.isEmpty() || hop == MAX_REDIRECTS) {
        return read(response, current, limit, deadline);
      }
      response.body().close();
      // 307/308 repeat the request as it was; the others continue with a GET, as browsers do.
      body = response.statusCode() == 307 || response.statusCode() == 308 ? body : null;
      current = current.resolve(location.trim());
      checkHttp(current);
    }
  }

  private HttpResponse<InputStream> open(URI url, String form, String accept, long deadline)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(remaining(deadline)).header("User-Agent", USER_AGENT);
    if (form == null) {
      request.GET().header("Accept", accept);
    } else {
      request
          .POST(HttpRequest.BodyPublishers.ofString(form))
          .header("Content-Type", "application/x-www-form-urlencoded");
    }
    try {
      return client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid URL " + url, e);
    }
  }

  private static Reply read(HttpResponse<InputStream> response, URI url, int limit, long deadline)
      throws IOException {
    InputStream in = response.body();
    // The body has no timeout of its own; closing the stream at the deadline ends a slow read.
    CompletableFuture.delayedExecutor(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> closeQuietly(in));
    try (in) {
      byte[] bytes = in.readNBytes(limit + 1);
      boolean truncated = bytes.length > limit;
      byte[] kept = truncated ? java.util.Arrays.copyOf(bytes, limit) : bytes;
      String type = response.headers().firstValue("content-type").orElse("");
      return new Reply(response.statusCode(), url, type, kept, truncated);
    } catch (IOException e) {
      throw System.nanoTime() >= deadline ? new IOException("timed out reading " + url, e) : e;
    }
  }

  static void checkHttp(URI url) throws IOException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IOException("not an absolute http(s) URL: " + url);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Duration remaining(long deadline) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IOException("timed out");
    }
    return Duration.ofNanos(left);
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(timeout)
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    }
    return http;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Already closed or failed: either way the read ends.
    }
  }
}
