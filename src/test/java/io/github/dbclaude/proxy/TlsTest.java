package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.testkit.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  @TempDir static Path certs;
  static TestCertificates.Pair rsa;
  static TestCertificates.Pair other;

  @BeforeAll
  static void makeCertificates() throws Exception {
    rsa = TestCertificates.generate(certs, "rsa", "RSA");
    other = TestCertificates.generate(certs, "other", "EC");
  }

  @Test
  void httpsRequestThroughTheProxyReachesTheGatewayWithTheToken() throws Exception {
    try (SimulatedGateway gateway = SimulatedGateway.start();
        ProxyServer proxy =
            ProxyServer.start(
                config(gateway).withTls(TlsIdentity.load(rsa.cert(), rsa.key())),
                ProxyFixture.boundChannel());
        HttpClient client =
            HttpClient.newBuilder()
                .sslContext(rsa.trusting())
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
      assertThat(proxy.url()).isEqualTo("https://127.0.0.1:" + proxy.port());

      HttpResponse<String> reply =
          client.send(
              HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(gateway.requests())
          .singleElement()
          .satisfies(seen -> assertThat(seen.header("authorization")).isEqualTo("Bearer tok"));
    }
  }

  @Test
  void plainHttpToTheHttpsPortIsNotServed() throws Exception {
    try (SimulatedGateway gateway = SimulatedGateway.start();
        ProxyServer proxy =
            ProxyServer.start(
                config(gateway).withTls(TlsIdentity.load(rsa.cert(), rsa.key())),
                ProxyFixture.boundChannel())) {
      String reply =
          RawHttp.exchange(
              proxy.port(),
              "POST /v1/messages HTTP/1.1\r\n"
                  + "Host: x\r\n"
                  + "Content-Length: 0\r\n"
                  + "Connection: close\r\n");

      assertThat(reply).doesNotStartWith("HTTP/1.1 200");
      assertThat(gateway.requests()).isEmpty();
    }
  }

  @Test
  void keyOfAnotherCertificateIsRejectedInOneLine() {
    assertThatThrownBy(() -> TlsIdentity.load(rsa.cert(), other.key()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("does not match the certificate")
        .hasMessageNotContaining("\n");
  }

  @Test
  void missingFilesAreNamedWithTheirFlag() {
    Path missing = certs.resolve("nope.pem");
    assertThatThrownBy(() -> TlsIdentity.load(missing, rsa.key()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("cannot read --tls-cert " + missing);
    assertThatThrownBy(() -> TlsIdentity.load(rsa.cert(), missing))
        .hasMessageStartingWith("cannot read --tls-key " + missing);
  }

  @Test
  void filesWithoutPemBlocksAreRejected() throws Exception {
    Path garbage = Files.writeString(certs.resolve("garbage.pem"), "not a certificate\n");
    assertThatThrownBy(() -> TlsIdentity.load(garbage, rsa.key()))
        .hasMessageContaining("--tls-cert " + garbage + " is not a usable PEM certificate");
    assertThatThrownBy(() -> TlsIdentity.load(rsa.cert(), rsa.cert()))
        .hasMessageContaining("is not a usable PEM private key (no PEM private key block found");
  }

  @Test
  void encryptedKeysAreRejectedWithAHowTo() throws Exception {
    Path encrypted =
        Files.writeString(
            certs.resolve("enc.pem"),
            TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}));
    assertThatThrownBy(() -> TlsIdentity.load(rsa.cert(), encrypted))
        .hasMessageContaining("encrypted")
        .hasMessageContaining("openssl pkey");
  }

  @Test
  void pkcs1AndSec1KeysFromOpensslAreAccepted() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
    Path pkcs1 = openssl(List.of("pkey", "-in", rsa.key().toString(), "-traditional"), "rsa1.pem");
    Path sec1 = openssl(List.of("ec", "-in", other.key().toString()), "sec1.pem");
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(sec1)).contains("-----BEGIN EC PRIVATE KEY-----");

    assertThat(TlsIdentity.load(rsa.cert(), pkcs1)).isNotNull();
    assertThat(TlsIdentity.load(other.cert(), sec1)).isNotNull();
    assertThatThrownBy(() -> TlsIdentity.load(other.cert(), pkcs1))
        .hasMessageContaining("does not match");
  }

  private static Path openssl(List<String> args, String out) throws Exception {
    Path file = certs.resolve(out);
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(args);
    command.addAll(List.of("-out", file.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return file;
  }

  private static ProxyConfig config(SimulatedGateway gateway) {
    return new ProxyConfig(
        URI.create(gateway.anthropicUrl()),
        URI.create(gateway.otelUrl()),
        FakeTokenSource.cached("tok"),
        OtelTables.NONE,
        Optional.empty(),
        Log.discard(),
        BuildInfo.version(),
        Optional.empty());
  }
}
