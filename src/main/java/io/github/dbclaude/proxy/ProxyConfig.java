package io.github.dbclaude.proxy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.websearch.WebTools;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the proxy needs: where to forward, which token to inject, the OTEL tables, the
 * optional proxy API key, the debug log, the version reported by {@code /health}, and the
 * lifecycle's control endpoint when running headless, the HTTPS identity when serving TLS, and who
 * observes the exchanges (usage records) and serves the local status page.
 */
public record ProxyConfig(
    URI inferenceUpstream,
    URI otelUpstream,
    TokenSource tokens,
    OtelTableSource otelTables,
    Optional<String> apiKey,
    Log log,
    String version,
    Optional<ControlEndpoint> control,
    WebToolsSource webTools,
    Optional<TlsIdentity> tls,
    Set<String> allowedOrigins,
    Duration uploadIdleTimeout,
    ProxyObserver observer) {
  /** How long a client may pause while sending its request body before it is answered 408. */
  public static final Duration UPLOAD_IDLE_TIMEOUT = Duration.ofSeconds(60);

  public ProxyConfig {
    checkUpstream(inferenceUpstream, "inference upstream");
    checkUpstream(otelUpstream, "OTEL upstream");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(otelTables, "otelTables");
    apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(key -> !key.isEmpty());
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(webTools, "webTools");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(observer, "observer");
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (uploadIdleTimeout.isNegative() || uploadIdleTimeout.isZero()) {
      throw new IllegalArgumentException("upload idle timeout must be positive");
    }
  }

  /** The configuration with web tools and HTTPS as given, no extra origin, the usual timeout. */
  public ProxyConfig(
      URI inferenceUpstream,
      URI otelUpstream,
      TokenSource tokens,
      OtelTableSource otelTables,
      Optional<String> apiKey,
      Log log,
      String version,
      Optional<ControlEndpoint> control,
      WebToolsSource webTools,
      Optional<TlsIdentity> tls) {
    this(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        webTools,
        tls,
        Set.of(),
        UPLOAD_IDLE_TIMEOUT,
        ProxyObserver.NONE);
  }

  /** A plain-HTTP configuration without local web tools (requests pass through unchanged). */
  public ProxyConfig(
      URI inferenceUpstream,
      URI otelUpstream,
      TokenSource tokens,
      OtelTableSource otelTables,
      Optional<String> apiKey,
      Log log,
      String version,
      Optional<ControlEndpoint> control) {
    this(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        WebToolsSource.OFF,
        Optional.empty());
  }

  /** The same configuration served over HTTPS with {@code identity}. */
  public ProxyConfig withTls(TlsIdentity identity) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        webTools,
        Optional.of(identity),
        allowedOrigins,
        uploadIdleTimeout,
        observer);
  }

  /**
   * Parses an upstream URL given by the user, e.g. {@code https://h/ai-gateway/anthropic}.
   *
   * @param what names the URL in the error message, e.g. "inference upstream"
   */
  public static URI parseUpstream(String text, String what) throws UserFacingException {
    try {
      URI uri = new URI(text);
      checkUpstream(uri, what);
      return uri;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new UserFacingException(
          "invalid "
              + what
              + " URL '"
              + text
              + "' — use an http(s) URL such as"
              + " https://<workspace>/ai-gateway/anthropic",
          e);
    }
  }

  /** The same configuration answering {@code /shutdown} through {@code control}. */
  public ProxyConfig withControl(ControlEndpoint control) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        Optional.of(control),
        webTools,
        tls,
        allowedOrigins,
        uploadIdleTimeout,
        observer);
  }

  /** The same configuration fulfilling web search and fetch locally. */
  public ProxyConfig withWebTools(WebTools tools) {
    return withWebTools(WebToolsSource.always(tools));
  }

  /** The same configuration asking {@code source} per request whether to fulfil web tools. */
  public ProxyConfig withWebTools(WebToolsSource source) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        source,
        tls,
        allowedOrigins,
        uploadIdleTimeout,
        observer);
  }

  /**
   * The same configuration letting requests from {@code origins} through the browser guard (for a
   * client that sends an {@code Origin} header, e.g. {@code https://tool.example}).
   */
  public ProxyConfig withAllowedOrigins(Set<String> origins) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        webTools,
        tls,
        origins,
        uploadIdleTimeout,
        observer);
  }

  /** The same configuration answering 408 to a client that pauses its upload for {@code idle}. */
  public ProxyConfig withUploadIdleTimeout(Duration idle) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        webTools,
        tls,
        allowedOrigins,
        idle,
        observer);
  }

  /** The same configuration reporting exchanges to, and serving the pages of, {@code observer}. */
  public ProxyConfig withObserver(ProxyObserver observer) {
    return new ProxyConfig(
        inferenceUpstream,
        otelUpstream,
        tokens,
        otelTables,
        apiKey,
        log,
        version,
        control,
        webTools,
        tls,
        allowedOrigins,
        uploadIdleTimeout,
        observer);
  }

  private static void checkUpstream(URI uri, String what) {
    Objects.requireNonNull(uri, what);
    String scheme = uri.getScheme();
    boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    if (!http || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(what + " must be an http(s) URL with a host: " + uri);
    }
  }

  /** Never prints the API key, so the configuration is safe to log. */
  @Override
  public String toString() {
    return "ProxyConfig[inferenceUpstream="
        + inferenceUpstream
        + ", otelUpstream="
        + otelUpstream
        + ", otelTables="
        + otelTables
        + ", apiKey="
        + (apiKey.isPresent() ? "[set]" : "[none]")
        + ", version="
        + version
        + ", control="
        + control.isPresent()
        + ", webTools="
        + webTools.current().map(t -> t.backendName() + "/" + t.fetchBudget()).orElse("off")
        + ", tls="
        + tls.isPresent()
        + ", allowedOrigins="
        + allowedOrigins
        + ", uploadIdleTimeout="
        + uploadIdleTimeout
        + "]";
  }
}
