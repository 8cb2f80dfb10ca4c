package io.github.dbclaude.update;

/**
 * The latest release as the release API (or the cache) reported it.
 *
 * @param version without the leading {@code v}, e.g. {@code 0.19.0}
 * @param releaseUrl the release's web page
 * @param assetUrl the download of this platform's asset, or empty when the release has none
 */
public record Release(String version, String releaseUrl, String assetUrl) {}
