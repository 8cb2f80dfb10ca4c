package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The gateway answers only tests script (held, cut, large, echoed): they live in the test tree so
 * the product jar ships no test latches.
 */
public final class TestReplies {
  private static final int BLOCK = 16 * 1024;

  /** Thrown after a deliberate cut, so the gateway does not count it as the client going away. */
  static final class Cut extends IOException {
    Cut() {
      super("simulated gateway cut the connection");
    }
  }

  private TestReplies() {}

  /** {@code before}, then nothing until {@code release} opens, then {@code after}. */
  public static Reply held(List<String> before, CountDownLatch release, List<String> after) {
    return (request, response, out, raw) -> {
      GatewayReplies.startSse(response);
      for (String event : before) {
        GatewayReplies.writeFlushed(out, event);
      }
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IOException("simulated gateway: held stream was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      for (String event : after) {
        GatewayReplies.writeFlushed(out, event);
      }
    };
  }

  /**
   * A chunked SSE answer that stops after {@code bytes} bytes by closing the connection abruptly.
   */
  public static Reply cutAfter(int bytes) {
    return (request, response, out, raw) -> {
      GatewayReplies.startSse(response);
      out.write(largeBody(bytes));
      out.flush();
      raw.getConnectionMetaData().getConnection().getEndPoint().close();
      throw new Cut();
    };
  }

  /** {@code bytes} bytes of SSE-looking data as fast as possible, see {@link #largeBody}. */
  public static Reply large(long bytes) {
    return (request, response, out, raw) -> {
      GatewayReplies.startSse(response);
      writeBlocks(bytes, out);
    };
  }

  /** The request body back, with the request's content type. */
  public static Reply echoBody() {
    return (request, response, out, raw) -> {
      response.setStatus(200);
      String type = request.header("content-type");
      response
          .getHeaders()
          .put(HttpHeader.CONTENT_TYPE, type == null ? "application/octet-stream" : type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, request.body().length);
      out.write(request.body());
    };
  }

  /** The OIDC token endpoint: {@code issued} for the expected HTTP Basic credentials only. */
  static Reply oidcToken(String expectedBasic, String issued, String authorization) {
    return expectedBasic.equals(authorization)
        ? Reply.status(
            200,
            "{\"access_token\":\"" + issued + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
        : Reply.status(401, "{\"error\":\"invalid_client\"}");
  }

  /** The bytes {@link #large} sends, so tests can compare digests. */
  public static byte[] largeBody(long bytes) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(bytes, Integer.MAX_VALUE - 8));
    try {
      writeBlocks(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  /** {@code bytes} bytes of distinct blocks, streamed block by block. */
  private static void writeBlocks(long bytes, OutputStream out) throws IOException {
    byte[] block = new byte[BLOCK];
    for (long sent = 0, index = 0; sent < bytes; index++) {
      int length = (int) Math.min(BLOCK, bytes - sent);
      fill(index, block);
      out.write(block, 0, length);
      sent += length;
    }
  }

  /** A block of {@code data: …} lines that differs from every other block, so reordering shows. */
  private static void fill(long index, byte[] block) {
    byte[] prefix = ("data: " + index + " ").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < block.length; i++) {
      int inLine = i % 128;
      if (inLine == 126 || inLine == 127) {
        block[i] = '\n';
      } else if (inLine < prefix.length) {
        block[i] = prefix[inLine];
      } else {
        block[i] = (byte) ('a' + (int) ((index * 31 + i) % 26));
      }
    }
  }
}
