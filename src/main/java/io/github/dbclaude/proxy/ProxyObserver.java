package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the proxy tells an outside observer (the usage recorder) about each forwarded exchange, and
 * the read-only local pages it may serve on loopback (the status page). Every call happens on the
 * request path, so implementations must return at once, never block and never throw.
 */
public interface ProxyObserver {
  /** Observes nothing and serves no page: the proxy behaves as without an observer. */
  ProxyObserver NONE = new ProxyObserver() {};

  /**
   * A client request is about to be forwarded.
   *
   * @param header the request header of a name (any case), or null when absent
   */
  default Observation started(String method, String path, UnaryOperator<String> header) {
    return Observation.NONE;
  }

  /**
   * How to render the local page at {@code path} (answered to loopback {@code GET}s only), or empty
   * when {@code path} is no page and is forwarded as before.
   */
  default Optional<PageRenderer> page(String path) {
    return Optional.empty();
  }

  /** Renders one page; may block (it reads a database), so the proxy calls it on a worker. */
  @FunctionalInterface
  interface PageRenderer {
    LocalPage render(String query) throws java.io.IOException;
  }

  /** A page body the proxy serves as is. */
  record LocalPage(int status, String contentType, byte[] body) {}

  /** One exchange, seen from the client's side. Calls for one exchange never overlap. */
  interface Observation {
    Observation NONE = new Observation() {};

    /** The status and content type the client is about to receive from upstream. */
    default void responseStarted(int status, String contentType) {}

    /** Bytes on their way to the client; a read-only view that must not be kept. */
    default void body(ByteBuffer bytes) {}

    /**
     * The exchange ended.
     *
     * @param status the status the client got
     * @param failure why the response was cut, or null when it completed
     * @param webToolsLocal whether web search/fetch were fulfilled by this proxy
     */
    default void finished(int status, Throwable failure, boolean webToolsLocal) {}
  }
}
