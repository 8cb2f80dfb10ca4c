package io.github.dbclaude.update;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The GitHub-style "latest release" endpoint: {@code GET <base>/releases/latest}. The base is
 * {@value #DEFAULT_BASE} unless {@value #BASE_ENV} names another (a mirror, a fork, a test server).
 */
public final class ReleaseApi {
  /** Overrides {@link #DEFAULT_BASE}, e.g. {@code https://api.github.com/repos/me/fork}. */
  public static final String BASE_ENV = "DATABRICKS_CLAUDE_RELEASES_URL";

  /** Where this project's releases are published. */
  public static final String DEFAULT_BASE =
      "https://api.github.com/repos/dbclaude/databricks-claude";

  private final URI latest;
  private final String assetName;

  /** The API at {@code base}, picking release assets built for {@code platform}. */
  public ReleaseApi(URI base, Platform platform) {
    String text = base.toString();
    this.latest = URI.create((text.endsWith("/") ? text : text + "/") + "releases/latest");
    this.assetName = BuildInfo.TOOL + "-" + goOs(platform) + "-" + goArch(platform);
  }

  /** The API named by {@value #BASE_ENV} when set (non-empty), else the default. */
  public static ReleaseApi of(String baseFromEnv, Platform platform) {
    return new ReleaseApi(
        URI.create(baseFromEnv.isBlank() ? DEFAULT_BASE : baseFromEnv.strip()), platform);
  }

  /** The URL asked. */
  public URI latestUrl() {
    return latest;
  }

  /**
   * The latest release, or empty when it is marked as a pre-release.
   *
   * @param deadline for the whole exchange, connection included
   * @throws IOException when the API cannot be reached in time, answers other than 200, or sends
   *     something that is not a release
   */
  public Optional<Release> latest(Duration deadline) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(latest)
            .timeout(deadline)
            .header("Accept", "application/vnd.github+json")
            .header("User-Agent", BuildInfo.TOOL + "/" + BuildInfo.version())
            .GET()
            .build();
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(deadline)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      CompletableFuture<HttpResponse<String>> exchange =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> response;
      try {
        response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        exchange.cancel(true);
        throw new IOException(
            latest.getHost() + " did not answer within " + deadline.toMillis() + " ms");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new IOException(
            "cannot reach "
                + latest.getHost()
                + ": "
                + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getMessage()),
            cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("release API returned " + response.statusCode());
      }
      return parse(response.body());
    }
  }

  Optional<Release> parse(String body) throws IOException {
    JsonValue value;
    try {
      value = Json.parse(body);
    } catch (JsonSyntaxException e) {
      throw new IOException("release API answer is not JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject release)) {
      throw new IOException("release API answer is not a JSON object");
    }
    if (release.get("prerelease").orElse(null) == JsonBool.TRUE) {
      return Optional.empty();
    }
    String tag =
        release
            .string("tag_name")
            .filter(t -> !t.isBlank())
            .orElseThrow(() -> new IOException("release API answer has no tag_name"));
    return Optional.of(
        new Release(
            Versions.strip(tag),
            release.string("html_url").orElse(""),
            assetUrl(release.array("assets").orElse(new JsonArray()))));
  }

  private String assetUrl(JsonArray assets) {
    for (JsonValue asset : assets.items()) {
      if (asset instanceof JsonObject a && a.string("name").orElse("").equals(assetName)) {
        return a.string("browser_download_url").orElse("");
      }
    }
    return "";
  }

  /** The operating system as Go names it, as the original tool's release assets do. */
  private static String goOs(Platform platform) {
    String os = platform.osName().toLowerCase(Locale.ROOT);
    return os.startsWith("mac")
        ? "darwin"
        : os.startsWith("windows") ? "windows" : os.split(" ")[0];
  }

  private static String goArch(Platform platform) {
    String arch = platform.osArch().toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
