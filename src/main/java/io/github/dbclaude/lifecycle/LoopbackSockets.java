package io.github.dbclaude.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Connections to our own proxy on 127.0.0.1, plain or TLS. An HTTPS proxy answers a plain probe
 * with an error, so a session configured with {@code --tls-cert} talks TLS to it for health,
 * keep-alive and {@code /shutdown}. Those checks do not verify the certificate: they go to the
 * loopback address only, carry no token, and the certificate is the user's own, possibly
 * self-signed one that no trust store knows. Claude Code itself verifies it as usual.
 */
final class LoopbackSockets {
  private LoopbackSockets() {}

  /** A connected socket to {@code 127.0.0.1:port}; for TLS, with the handshake done. */
  static Socket connect(int port, boolean tls, int timeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (!tls) {
        return socket;
      }
      SSLSocket secure =
          (SSLSocket) unverified().getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
      secure.setSoTimeout(timeoutMillis);
      secure.startHandshake();
      return secure;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static SSLContext unverified() throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS unavailable: " + e.getMessage(), e);
    }
  }

  /** Accepts any server certificate; used for loopback checks only (see the class comment). */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // not a server
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // see the class comment
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
