package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BiPredicate;

/**
 * Points Claude Code at the local proxy through the {@code env} of settings.json, first removing
 * entries that point at local proxies that are gone.
 */
public final class ProxyEnv {
  public static final String BASE_URL = "ANTHROPIC_BASE_URL";
  public static final String AUTH_TOKEN = "ANTHROPIC_AUTH_TOKEN";
  public static final String PROXY_MANAGED = "proxy-managed";
  private static final String ENV = "env";

  private ProxyEnv() {}

  /**
   * Edits {@code settings}: prunes stale loopback entries, then, unless {@code env} already points
   * at {@code proxyUrl} and {@code extraEnv} has no non-empty value, sets the base URL, the {@code
   * proxy-managed} token and every non-empty extra entry (an extra may override the token).
   */
  public static void apply(
      JsonObject settings, String proxyUrl, Map<String, String> extraEnv, PortProbe probe) {
    JsonObject env = settings.ensureObject(ENV);
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

  /**
   * Removes the entries of {@code written} whose value is still the one written (a value someone
   * changed since stays), then an {@code env} left empty. Returns the keys removed.
   */
  public static List<String> withdraw(JsonObject settings, Map<String, String> written) {
    List<String> removed = new ArrayList<>();
    settings
        .object(ENV)
        .ifPresent(
            env -> {
              written.forEach(
                  (key, value) -> {
                    if (env.string(key).filter(value::equals).isPresent()) {
                      env.remove(key);
                      removed.add(key);
                    }
                  });
              if (env.isEmpty() && !removed.isEmpty()) {
                settings.remove(ENV);
              }
            });
    return removed;
  }

  /**
   * Removes every entry that only a databricks-claude proxy would have written: a loopback base URL
   * and its token, loopback {@code *_ENDPOINT}s, and the entries {@code alsoOurs} claims (the model
   * keys and env block we recorded writing). Values the user set are kept and nothing earlier is
   * restored. Returns the keys removed.
   */
  public static List<String> removeOurs(JsonObject settings, BiPredicate<String, String> alsoOurs) {
    JsonObject env = settings.object(ENV).orElseGet(JsonObject::new);
    boolean loopbackBase = loopbackPort(env.string(BASE_URL).orElse(null)).isPresent();
    return removeMatching(
        settings,
        (key, value) ->
            (key.equals(BASE_URL) && loopbackBase)
                || (key.equals(AUTH_TOKEN) && (loopbackBase || PROXY_MANAGED.equals(value)))
                || (key.contains("_ENDPOINT") && loopbackPort(value).isPresent())
                || alsoOurs.test(key, value));
  }

  /** Removes the string entries of {@code env} that {@code ours} claims; returns their keys. */
  public static List<String> removeMatching(JsonObject settings, BiPredicate<String, String> ours) {
    Map<String, String> matching = new LinkedHashMap<>();
    JsonObject env = settings.object(ENV).orElseGet(JsonObject::new);
    for (String key : env.keys()) {
      env.string(key).filter(value -> ours.test(key, value)).ifPresent(v -> matching.put(key, v));
    }
    return withdraw(settings, matching);
  }

  /** The loopback base URL settings.json points Claude Code at, if any. */
  public static OptionalInt baseUrlPort(JsonObject settings) {
    return loopbackPort(settings.object(ENV).flatMap(env -> env.string(BASE_URL)).orElse(null));
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
