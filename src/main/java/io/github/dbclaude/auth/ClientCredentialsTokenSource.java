package io.github.dbclaude.auth;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;

/**
 * OAuth machine-to-machine: exchanges a service principal's client id and secret for a workspace
 * token at {@code <host>/oidc/v1/token} on every call; wrap it in {@link CachingTokenSource}.
 *
 * <p>Errors are one line naming the profile and the endpoint, never the secret.
 */
public final class ClientCredentialsTokenSource implements TokenSource {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** When the endpoint omits {@code expires_in}: Databricks issues one-hour tokens. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final URI endpoint;
  private final String clientId;
  private final String clientSecret;
  private final String origin;
  private final InstantSource clock;
  private final Duration timeout;

  /**
   * @param host the workspace URL ({@code https://…}, trailing slashes ignored)
   * @param origin where the credentials came from, for messages, e.g. {@code profile "ci"}
   */
  public ClientCredentialsTokenSource(
      String host,
      String clientId,
      String clientSecret,
      String origin,
      InstantSource clock,
      Duration timeout) {
    this.endpoint = tokenEndpoint(host);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.origin = origin;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** The workspace's OIDC token endpoint. */
  public static URI tokenEndpoint(String host) {
    return URI.create(host.replaceAll("/+$", "") + "/oidc/v1/token");
  }

  @Override
  public Token token() throws IOException {
    Instant asked = clock.instant();
    HttpResponse<String> response = post();
    int status = response.statusCode();
    if (status == 400 || status == 401 || status == 403) {
      throw failure(
          "rejected the client credentials (HTTP "
              + status
              + oauthError(response.body())
              + ") — check client_id and client_secret of the service principal");
    }
    if (status != 200) {
      throw failure(
          "answered HTTP "
              + status
              + " — check the workspace host, or try again if the workspace is having trouble");
    }
    return parse(response.body(), asked);
  }

  private HttpResponse<String> post() throws IOException {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=all-apis"))
            .build();
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while asking " + endpoint + " for a token");
    } catch (IOException e) {
      throw failure(
          "did not answer ("
              + describe(e)
              + ") — check the host of "
              + origin
              + " and your network or proxy settings");
    }
  }

  private Token parse(String body, Instant asked) throws IOException {
    try {
      if (Json.parse(body) instanceof JsonObject reply
          && reply.string("access_token").filter(t -> !t.isBlank()).isPresent()) {
        Duration lifetime =
            reply
                .get("expires_in")
                .filter(JsonNumber.class::isInstance)
                .map(n -> Duration.ofSeconds((long) ((JsonNumber) n).asDouble()))
                .orElse(DEFAULT_LIFETIME);
        return new Token(reply.string("access_token").orElseThrow(), asked.plus(lifetime));
      }
    } catch (JsonSyntaxException e) {
      // Reported below without echoing the body, which could hold anything.
    }
    throw failure(
        "answered HTTP 200 without a token in JSON — check that the profile's host is"
            + " the workspace URL");
  }

  private IOException failure(String what) {
    return new IOException(
        "OAuth token endpoint " + endpoint + " (client credentials from " + origin + ") " + what);
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null || e.getMessage().isBlank() ? name : name + ": " + e.getMessage();
  }

  /** The OAuth {@code error} code of a refusal, if it looks like one; never free text. */
  private static String oauthError(String body) {
    try {
      if (Json.parse(body) instanceof JsonObject reply) {
        return reply
            .string("error")
            .filter(c -> c.matches("[a-z_]{1,40}"))
            .map(c -> ", " + c)
            .orElse("");
      }
    } catch (JsonSyntaxException e) {
      // Not JSON: the status says enough.
    }
    return "";
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
