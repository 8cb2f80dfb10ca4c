package io.github.dbclaude.desktop;

import static io.github.dbclaude.testkit.PlistParser.array;
import static io.github.dbclaude.testkit.PlistParser.dict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.PlistWriter;
import io.github.dbclaude.testkit.PlistParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code-signing trust profile (CHECKLIST O). */
class TrustProfileTest {
  static final Path CERT =
      Path.of("src/test/resources/io/github/dbclaude/desktop/signing-cert.pem");
  @TempDir Path dir;

  private static X509Certificate x509(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  void payloadIsDataThatDecodesToTheOriginalCertificate() throws Exception {
    Path out = dir.resolve("deep/er/trust.mobileconfig");

    TrustProfile.write(CERT, out, UUID::randomUUID);

    String xml = Files.readString(out);
    assertThat(xml)
        .contains("<key>PayloadContent</key>\n\t\t\t\t<data>\n")
        .contains("com.apple.security.pkcs1")
        .contains("Configuration");
    Map<String, Object> root = dict(PlistParser.parse(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(root)
        .containsEntry("PayloadScope", "System")
        .containsEntry("PayloadIdentifier", "com.databricks.databricks-claude.trust.profile")
        .containsEntry("PayloadDisplayName", "Databricks Claude Code-Signing Trust");
    Map<String, Object> payload = dict(array(root.get("PayloadContent")).getFirst());
    assertThat(payload)
        .containsEntry("PayloadIdentifier", "com.databricks.databricks-claude.trust")
        .containsEntry("PayloadDisplayName", "Databricks Claude code-signing trust");
    assertThat(payload.get("PayloadUUID")).isNotEqualTo(root.get("PayloadUUID"));

    X509Certificate original = x509(TrustProfile.certificateDer(CERT));
    X509Certificate embedded = x509((byte[]) payload.get("PayloadContent"));
    assertThat(embedded.getSerialNumber()).isEqualTo(original.getSerialNumber());
    assertThat(embedded.getSubjectX500Principal().getName())
        .contains("CN=Databricks Claude Test Signing");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void dataIsWrappedAt76ColumnsUnindented() {
    assertThat(PlistWriter.wrapBase64(new byte[150]).lines().map(String::length))
        .containsExactly(76, 76, 48);
    assertThat(PlistWriter.wrapBase64(new byte[57]).lines().map(String::length))
        .containsExactly(76);
    assertThat(PlistWriter.wrapBase64(new byte[114]).lines().map(String::length))
        .containsExactly(76, 76);
    assertThat(PlistWriter.wrapBase64(new byte[0])).isEmpty();
    String xml =
        new String(TrustProfile.render(new byte[0], UUID::randomUUID), StandardCharsets.UTF_8);
    assertThat(xml).contains("<data>\n</data>");
  }

  @Test
  void nonPemFileIsRefusedAndNothingIsWritten() throws Exception {
    Path notPem = Files.writeString(dir.resolve("cert.txt"), "hello");
    Path out = dir.resolve("out.mobileconfig");

    assertThatThrownBy(() -> TrustProfile.write(notPem, out, UUID::randomUUID))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("decode cert \"" + notPem + "\": not a PEM file");
    assertThat(out).doesNotExist();
  }

  @Test
  void privateKeyPemIsRefusedAndNothingIsWritten() throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
    Path out = dir.resolve("out.mobileconfig");

    assertThatThrownBy(() -> TrustProfile.write(key, out, UUID::randomUUID))
        .hasMessageContaining("expected PEM block type \"CERTIFICATE\", got \"RSA PRIVATE KEY\"")
        .hasMessageNotContaining("MIIBOgIBAAJBAK");
    assertThat(out).doesNotExist();
  }

  @Test
  void certificateBlockThatIsNotX509IsRefused() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TrustProfile.write(bad, dir.resolve("o"), UUID::randomUUID))
        .hasMessageStartingWith("build trust mobileconfig: ");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void missingCertFileIsAReadError() {
    assertThatThrownBy(
            () -> TrustProfile.write(dir.resolve("nope.pem"), dir.resolve("o"), UUID::randomUUID))
        .hasMessageStartingWith("read cert ");
  }
}
