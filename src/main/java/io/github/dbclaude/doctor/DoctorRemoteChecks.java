package io.github.dbclaude.doctor;

import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.Token;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The {@code doctor} checks that talk to the workspace: host, AI Gateway, clock. */
final class DoctorRemoteChecks {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Duration SKEW_WARN = Duration.ofMinutes(1);
  static final Duration SKEW_FAIL = Duration.ofMinutes(5);

  private DoctorRemoteChecks() {}

  static DoctorFinding tokenExpiry(Token token, Instant now, AuthSource auth) {
    if (token.expiry().equals(Instant.MAX)) {
      return DoctorFinding.ok("token", "personal access token, expiry unknown to us");
    }
    Duration left = Duration.between(now, token.expiry());
    if (left.isNegative()) {
      return DoctorFinding.fail(
          "token",
          "expired at " + token.expiry(),
          auth instanceof AuthSource.Cli ? "run databricks auth login" : "check the credentials");
    }
    return DoctorFinding.ok(
        "token", "valid until " + token.expiry() + " (" + left.toMinutes() + " min left)");
  }

  /** Any HTTP answer from the workspace URL proves it is reachable. */
  static DoctorFinding hostReachable(String host) {
    try {
      int status = get(URI.create(host + "/"), Optional.empty()).statusCode();
      return DoctorFinding.ok("host", host + " answers (HTTP " + status + ")");
    } catch (IOException | IllegalArgumentException e) {
      return DoctorFinding.fail(
          "host",
          host + " does not answer (" + describe(e) + ")",
          "check the host of the profile, your network, VPN or HTTPS proxy");
    }
  }

  /**
   * A GET of {@code <gateway>/v1/models} with the token: 2xx or any 4xx but 401/403/404 proves the
   * gateway path exists (many gateways refuse the method or want a body) without spending tokens.
   * Adds the clock-skew finding from the answer's {@code Date} header.
   */
  static List<DoctorFinding> gateway(String upstream, Token token, Instant now, String relogin) {
    HttpResponse<String> response;
    try {
      response = get(URI.create(upstream + "/v1/models"), Optional.of(token));
    } catch (IOException | IllegalArgumentException e) {
      return List.of(
          DoctorFinding.fail(
              "gateway",
              upstream + " does not answer (" + describe(e) + ")",
              "check the host, your network, VPN or HTTPS proxy"));
    }
    int status = response.statusCode();
    DoctorFinding finding =
        switch (status) {
          case 401, 403 ->
              DoctorFinding.fail(
                  "gateway", upstream + " rejected the token (HTTP " + status + ")", relogin);
          case 404 ->
              DoctorFinding.fail(
                  "gateway",
                  "no AI Gateway at " + upstream + " (HTTP 404)",
                  "ask your workspace admin to enable the AI Gateway for Anthropic models, or check"
                      + " the host / --upstream");
          default ->
              status >= 500
                  ? DoctorFinding.warn(
                      "gateway",
                      upstream + " answered HTTP " + status,
                      "try again later; the workspace may be having trouble")
                  : DoctorFinding.ok("gateway", upstream + " answers (HTTP " + status + ")");
        };
    return List.of(finding, clockSkew(response.headers().firstValue("Date"), now));
  }

  static DoctorFinding clockSkew(Optional<String> date, Instant now) {
    Instant server;
    try {
      server =
          ZonedDateTime.parse(date.orElse(""), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return DoctorFinding.warn(
          "clock",
          "the gateway sent no usable Date header",
          "compare your clock with an NTP server yourself");
    }
    Duration skew = Duration.between(server, now).abs();
    String detail = "local clock differs from the gateway's by " + skew.toSeconds() + " s";
    String fix =
        "turn on automatic time synchronisation (NTP); tokens are rejected when clocks" + " drift";
    return skew.compareTo(SKEW_FAIL) > 0
        ? DoctorFinding.fail("clock", detail, fix)
        : skew.compareTo(SKEW_WARN) > 0
            ? DoctorFinding.warn("clock", detail, fix)
            : DoctorFinding.ok("clock", detail);
  }

  private static HttpResponse<String> get(URI uri, Optional<Token> token) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t.value()));
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String describe(Exception e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null || e.getMessage().isBlank() ? name : name + ": " + e.getMessage();
  }
}
