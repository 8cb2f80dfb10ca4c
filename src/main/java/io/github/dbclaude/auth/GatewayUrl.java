package io.github.dbclaude.auth;

/** The Databricks AI Gateway endpoint for Anthropic models on a workspace host. */
public final class GatewayUrl {
  private GatewayUrl() {}

  /** {@code <host without trailing slashes>/ai-gateway/anthropic}. */
  public static String of(String host) {
    int end = host.length();
    while (end > 0 && host.charAt(end - 1) == '/') {
      end--;
    }
    return host.substring(0, end) + "/ai-gateway/anthropic";
  }
}
