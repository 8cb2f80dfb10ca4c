package io.github.dbclaude.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking HTTP/1.1 keep-alive client on one socket with almost no overhead of its own, so that
 * the benchmark measures the server side (gateway alone, or proxy plus gateway) and not a client
 * library's executor hand-offs. It reopens its socket only when the server closed it.
 */
final class BenchClient implements AutoCloseable {
  /** Called once when the first complete SSE event ({@code "\n\n"}) of a body has arrived. */
  @FunctionalInterface
  interface FirstEvent {
    void arrived();
  }

  private static final int BUFFER = 64 * 1024;
  private final String host;
  private final int port;
  private final AtomicInteger opened;
  private final byte[] scratch = new byte[BUFFER];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /**
   * A client of {@code base} (only host and port are used) counting its connects in {@code opened}.
   */
  BenchClient(URI base, AtomicInteger opened) {
    this.host = base.getHost();
    this.port = base.getPort();
    this.opened = opened;
  }

  /** Sends one POST and reads the whole answer; returns the number of body bytes. */
  long post(String path, String authorization, byte[] body, FirstEvent firstEvent)
      throws IOException {
    ensureOpen();
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nContent-Type: application/json\r\nAccept: */*"
            + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    Head response = readHead();
    if (response.status != 200) {
      throw new IOException("HTTP " + response.status + " from " + host + ":" + port + path);
    }
    EventWatch watch = new EventWatch(firstEvent);
    long bytes = response.chunked ? readChunked(watch) : readFixed(response.length, watch);
    if (response.close) {
      close();
    }
    return bytes;
  }

  /** A plain small POST; the body length. */
  long post(String path, String authorization, byte[] body) throws IOException {
    return post(path, authorization, body, null);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Nothing to recover on a benchmark socket.
      }
      socket = null;
    }
  }

  private void ensureOpen() throws IOException {
    if (socket != null) {
      return;
    }
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), BUFFER);
    out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    opened.incrementAndGet();
  }

  private record Head(int status, long length, boolean chunked, boolean close) {}

  private Head readHead() throws IOException {
    String statusLine = readLine();
    if (statusLine == null || statusLine.length() < 12) {
      close();
      throw new IOException("connection closed before a status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String line; (line = readLine()) != null && !line.isEmpty(); ) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    return new Head(status, length, chunked, close || (!chunked && length < 0));
  }

  private long readFixed(long length, EventWatch watch) throws IOException {
    if (length < 0) {
      long total = 0;
      for (int n; (n = in.read(scratch)) >= 0; total += n) {
        watch.saw(scratch, n);
      }
      return total;
    }
    for (long left = length; left > 0; ) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n < 0) {
        throw new IOException("body ended " + left + " bytes early");
      }
      watch.saw(scratch, n);
      left -= n;
    }
    return length;
  }

  private long readChunked(EventWatch watch) throws IOException {
    long total = 0;
    while (true) {
      String sizeLine = readLine();
      if (sizeLine == null) {
        throw new IOException("chunked body ended early");
      }
      int semicolon = sizeLine.indexOf(';');
      long size =
          Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // Trailers are not used here.
        }
        return total;
      }
      total += readFixed(size, watch);
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }

  /** Finds the first blank line ({@code "\n\n"}) across reads, which ends the first SSE event. */
  private static final class EventWatch {
    private final FirstEvent callback;
    private int previous = -1;
    private boolean done;

    EventWatch(FirstEvent callback) {
      this.callback = callback;
      this.done = callback == null;
    }

    void saw(byte[] bytes, int length) {
      for (int i = 0; i < length && !done; i++) {
        if (bytes[i] == '\n' && previous == '\n') {
          done = true;
          callback.arrived();
        }
        previous = bytes[i] == '\r' ? previous : bytes[i];
      }
    }
  }
}
