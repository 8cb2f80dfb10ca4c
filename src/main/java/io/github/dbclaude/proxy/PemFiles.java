package io.github.dbclaude.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and private keys (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA
 * PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}) with plain JDK APIs: the JDK's own PEM decoder is
 * still a preview API, which a {@code -Werror} build cannot use, so PKCS#1 and SEC1 keys are
 * wrapped into PKCS#8 here.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] RSA_ALGORITHM =
      der(0x30, der(0x06, bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)), der(0x05));
  private static final byte[] EC_PUBLIC_KEY_OID =
      der(0x06, bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01));

  /** A PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, …) and decoded bytes. */
  record Block(String label, byte[] der) {}

  private PemFiles() {}

  static List<Block> blocks(String pem) throws GeneralSecurityException {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String body = m.group(2);
      if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
        throw new GeneralSecurityException(
            "the key is encrypted; store it unencrypted"
                + " (openssl pkey -in <key> -out <plain key>)");
      }
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("bad base64 in the " + m.group(1) + " block");
      }
    }
    return blocks;
  }

  /** Every {@code CERTIFICATE} block, leaf first as PEM chains are written. */
  static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (block.label().equals("CERTIFICATE")) {
        chain.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      }
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no PEM CERTIFICATE block found");
    }
    return chain;
  }

  /** The first private key block, in any of the three unencrypted PEM forms. */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    for (Block block : blocks(pem)) {
      switch (block.label()) {
        case "PRIVATE KEY" -> {
          return pkcs8(block.der());
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, block.der())));
        }
        case "EC PRIVATE KEY" -> {
          byte[] algorithm = der(0x30, EC_PUBLIC_KEY_OID, sec1Curve(block.der()));
          return KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(wrap(algorithm, block.der())));
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new GeneralSecurityException(
                "the key is encrypted; store it unencrypted (openssl pkey -in <key> -out <plain"
                    + " key>)");
        default -> {
          // certificates, EC PARAMETERS and the like sit beside keys in many PEM files
        }
      }
    }
    throw new GeneralSecurityException(
        "no PEM private key block found (PRIVATE KEY, RSA PRIVATE KEY" + " or EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported or damaged PKCS#8 key", last);
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] wrap(byte[] algorithm, byte[] key) {
    return der(0x30, der(0x02, bytes(0)), algorithm, der(0x04, key));
  }

  /**
   * The named-curve OID of a SEC1 ECPrivateKey ::= SEQUENCE { version, OCTET STRING, [0] parameters
   * OPTIONAL, [1] publicKey OPTIONAL }; keys without it cannot be used.
   */
  static byte[] sec1Curve(byte[] sec1) throws GeneralSecurityException {
    DerReader outer = new DerReader(sec1, 0);
    DerReader fields = outer.enter(0x30);
    fields.skip(0x02);
    fields.skip(0x04);
    while (fields.hasMore()) {
      if (fields.tag() == 0xa0) {
        DerReader params = fields.enter(0xa0);
        return params.raw(0x06);
      }
      fields.skip(fields.tag());
    }
    throw new GeneralSecurityException(
        "the EC key names no curve; convert it to PKCS#8" + " (openssl pkcs8 -topk8 -nocrypt)");
  }

  static byte[] der(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = body.size();
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int i = octets - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** Just enough DER reading to find a SEC1 key's curve. */
  private static final class DerReader {
    private final byte[] data;
    private int pos;
    private final int end;

    DerReader(byte[] data, int pos) {
      this(data, pos, data.length);
    }

    private DerReader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    int tag() throws GeneralSecurityException {
      check(pos < end);
      return data[pos] & 0xff;
    }

    DerReader enter(int tag) throws GeneralSecurityException {
      int[] span = next(tag);
      return new DerReader(data, span[0], span[1]);
    }

    void skip(int tag) throws GeneralSecurityException {
      next(tag);
    }

    byte[] raw(int tag) throws GeneralSecurityException {
      int start = pos;
      int[] span = next(tag);
      return java.util.Arrays.copyOfRange(data, start, span[1]);
    }

    /** Reads one element's header; returns {contentStart, contentEnd} and moves past it. */
    private int[] next(int tag) throws GeneralSecurityException {
      check(tag() == tag && pos + 1 < end);
      pos++;
      int length = data[pos++] & 0xff;
      if (length >= 0x80) {
        int octets = length & 0x7f;
        check(octets >= 1 && octets <= 3 && pos + octets <= end);
        length = 0;
        for (int i = 0; i < octets; i++) {
          length = (length << 8) | (data[pos++] & 0xff);
        }
      }
      check(pos + length <= end);
      int[] span = {pos, pos + length};
      pos += length;
      return span;
    }

    private static void check(boolean ok) throws GeneralSecurityException {
      if (!ok) {
        throw new GeneralSecurityException("damaged EC private key (bad DER)");
      }
    }
  }
}
