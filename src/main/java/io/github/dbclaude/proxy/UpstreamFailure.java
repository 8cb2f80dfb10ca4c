package io.github.dbclaude.proxy;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * What the client is told when the request to the gateway failed before any answer: a status and
 * one plain sentence. Jetty's own text (object dumps, connection ids) goes to the debug log only.
 */
record UpstreamFailure(int status, String message) {
  private static final String PREFIX = "databricks-claude proxy: ";

  static UpstreamFailure of(Throwable failure, String gateway) {
    Throwable cause = rootOf(failure);
    if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
      return new UpstreamFailure(
          502,
          PREFIX + "cannot resolve the gateway host " + gateway + " — check the workspace URL");
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return new UpstreamFailure(
          502, PREFIX + "cannot reach the gateway at " + gateway + " — check the network or VPN");
    }
    if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
      return new UpstreamFailure(504, PREFIX + "timed out waiting for the gateway at " + gateway);
    }
    if (cause instanceof SSLException) {
      return new UpstreamFailure(
          502, PREFIX + "the TLS handshake with the gateway at " + gateway + " failed");
    }
    if (cause instanceof EOFException || cause instanceof ClosedChannelException) {
      return new UpstreamFailure(
          502, PREFIX + "the gateway closed the connection before answering; try again");
    }
    return new UpstreamFailure(
        502, PREFIX + "the request to the gateway failed before an answer arrived; try again");
  }

  @SuppressWarnings("ReferenceEquality") // a cause that is itself ends the chain
  private static Throwable rootOf(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof TimeoutException || cause instanceof ConnectException) {
        return cause;
      }
      cause = cause.getCause();
    }
    return cause;
  }
}
