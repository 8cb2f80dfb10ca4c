package io.github.dbclaude.desktop;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.platform.PlistWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration profile that makes Macs trust a fleet's self-signed code-signing certificate :
 * one {@code com.apple.security.pkcs1} payload holding the certificate's DER bytes.
 */
public final class TrustProfile {
  /** Where the profile goes when no {@code --output} is given. */
  public static final Path DEFAULT_OUTPUT = Path.of("dist/databricks-claude-trust.mobileconfig");

  private static final Pattern FIRST_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private TrustProfile() {}

  /**
   * Reads the first PEM block of {@code cert}, checks it is an X.509 certificate, writes the
   * profile.
   */
  public static void write(Path cert, Path output, Supplier<UUID> uuids)
      throws UserFacingException {
    byte[] der = certificateDer(cert);
    byte[] profile = render(der, uuids);
    try {
      ArtifactFile.write(output, profile);
    } catch (IOException e) {
      throw new UserFacingException(
          "write trust profile "
              + output
              + ": "
              + e.getMessage()
              + " — check that the folder is writable");
    }
  }

  static byte[] certificateDer(Path cert) throws UserFacingException {
    String pem;
    try {
      pem = Files.readString(cert, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UserFacingException(
          "read cert "
              + cert
              + ": "
              + e.getMessage()
              + " — pass the certificate's PEM file with --cert");
    }
    Matcher m = FIRST_BLOCK.matcher(pem);
    if (!m.find()) {
      throw new UserFacingException(
          "decode cert \""
              + cert
              + "\": not a PEM file"
              + " — export the certificate as PEM (-----BEGIN CERTIFICATE-----)");
    }
    if (!m.group(1).equals("CERTIFICATE")) {
      throw new UserFacingException(
          "decode cert \""
              + cert
              + "\": expected PEM block type "
              + "\"CERTIFICATE\", got \""
              + m.group(1)
              + "\" — pass the certificate, never the key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
      CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException e) {
      throw new UserFacingException(
          "build trust mobileconfig: "
              + cert
              + " is not a valid X.509 certificate ("
              + e.getMessage()
              + ")");
    }
    return der;
  }

  static byte[] render(byte[] der, Supplier<UUID> uuids) {
    String payloadUuid = MobileConfig.uuid(uuids);
    String profileUuid = MobileConfig.uuid(uuids);
    return new PlistWriter()
        .startDict()
        .key("PayloadContent")
        .startArray()
        .startDict()
        .key("PayloadType")
        .string("com.apple.security.pkcs1")
        .key("PayloadIdentifier")
        .string("com.databricks.databricks-claude.trust")
        .key("PayloadUUID")
        .string(payloadUuid)
        .key("PayloadVersion")
        .integer(1)
        .key("PayloadDisplayName")
        .string("Databricks Claude code-signing trust")
        .key("PayloadContent")
        .data(der)
        .end()
        .end()
        .key("PayloadDisplayName")
        .string("Databricks Claude Code-Signing Trust")
        .key("PayloadIdentifier")
        .string("com.databricks.databricks-claude.trust.profile")
        .key("PayloadType")
        .string("Configuration")
        .key("PayloadUUID")
        .string(profileUuid)
        .key("PayloadVersion")
        .integer(1)
        .key("PayloadScope")
        .string("System")
        .end()
        .finish();
  }
}
