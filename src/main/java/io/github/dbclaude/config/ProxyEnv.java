package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Points Claude Code at the local proxy through the {@code env} of settings.json, first removing
 * entries that point at local proxies that are gone (SPEC 4.1 "Proxy env update").
 */
public final class ProxyEnv {
  static final String BASE_URL = "ANTHROPIC_BASE_URL";
  static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
  static final String PROXY_MANAGED = "proxy-managed";

  private ProxyEnv() {}

  /**
   * Edits {@code settings}: prunes stale loopback entries, then, unless {@code env} already points
   * at {@code proxyUrl} and {@code extraEnv} has no non-empty value, sets the base URL, the {@code
   * proxy-managed} token and every non-empty extra entry (an extra may override the token).
   */
  public static void apply(
      JsonObject settings, String proxyUrl, Map<String, String> extraEnv, PortProbe probe) {
    JsonObject env = settings.ensureObject("env");
    int proxyPort = loopbackPort(proxyUrl).orElse(-1);
    PortProbe once = remembering(probe);
    pruneStale(env, proxyPort, once);
    boolean anyExtra = extraEnv.values().stream().anyMatch(v -> v != null && !v.isEmpty());
    if (env.string(BASE_URL).filter(proxyUrl::equals).isPresent() && !anyExtra) {
      return;
    }
    env.put(BASE_URL, proxyUrl);
    env.put(AUTH_TOKEN, PROXY_MANAGED);
    extraEnv.forEach(
        (key, value) -> {
          if (value != null && !value.isEmpty()) {
            env.put(key, value);
          }
        });
  }

  private static void pruneStale(JsonObject env, int proxyPort, PortProbe probe) {
    if (isDeadLoopback(env.string(BASE_URL).orElse(null), proxyPort, probe)) {
      env.remove(BASE_URL);
      env.remove(AUTH_TOKEN);
    }
    for (String key : List.copyOf(env.keys())) {
      if (key.contains("_ENDPOINT")
          && isDeadLoopback(env.string(key).orElse(null), proxyPort, probe)) {
        env.remove(key);
      }
    }
  }

  private static boolean isDeadLoopback(String url, int proxyPort, PortProbe probe) {
    OptionalInt port = loopbackPort(url);
    return port.isPresent() && port.getAsInt() != proxyPort && !probe.isListening(port.getAsInt());
  }

  /** The port of a URL whose host is exactly {@code 127.0.0.1} and that names a numeric port. */
  static OptionalInt loopbackPort(String url) {
    if (url == null) {
      return OptionalInt.empty();
    }
    try {
      URI uri = new URI(url);
      if (!"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 0) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(uri.getPort());
    } catch (URISyntaxException e) {
      return OptionalInt.empty();
    }
  }

  // Several OTEL endpoints usually share one port; probe each port once per update.
  private static PortProbe remembering(PortProbe probe) {
    Map<Integer, Boolean> seen = new HashMap<>();
    return port -> seen.computeIfAbsent(port, probe::isListening);
  }
}
