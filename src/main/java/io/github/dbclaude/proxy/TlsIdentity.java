package io.github.dbclaude.proxy;

import io.github.dbclaude.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The proxy's HTTPS identity: a PEM certificate chain and its private key, loaded and checked up
 * front — unreadable files, bad PEM or a key that does not belong to the certificate fail with one
 * line before anything listens, instead of a proxy that silently serves nothing.
 */
public final class TlsIdentity {
  static final String ALIAS = "proxy";
  private final Path certFile;
  private final KeyStore keyStore;
  private final char[] password;

  private TlsIdentity(Path certFile, KeyStore keyStore, char[] password) {
    this.certFile = certFile;
    this.keyStore = keyStore;
    this.password = password;
  }

  /**
   * Reads {@code certFile} (chain, leaf first) and {@code keyFile} and checks they belong together.
   */
  public static TlsIdentity load(Path certFile, Path keyFile) throws UserFacingException {
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = PemFiles.certificates(read(certFile, "--tls-cert"));
    } catch (GeneralSecurityException e) {
      throw new UserFacingException(
          "--tls-cert "
              + certFile
              + " is not a usable PEM certificate ("
              + e.getMessage()
              + ") — give a PEM file with a BEGIN CERTIFICATE block",
          e);
    }
    try {
      key = PemFiles.privateKey(read(keyFile, "--tls-key"));
    } catch (GeneralSecurityException e) {
      throw new UserFacingException(
          "--tls-key "
              + keyFile
              + " is not a usable PEM private key ("
              + e.getMessage()
              + ") — give an unencrypted PKCS#8, RSA or EC PEM key",
          e);
    }
    if (!belongTogether(key, chain.getFirst().getPublicKey())) {
      throw new UserFacingException(
          "--tls-key "
              + keyFile
              + " does not match the certificate in "
              + certFile
              + " — give the key the certificate was issued for");
    }
    try {
      char[] password = randomPassword();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
      return new TlsIdentity(certFile, store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new UserFacingException(
          "cannot use the TLS key pair (" + e.getMessage() + ") — try an RSA or EC key", e);
    }
  }

  /** An in-memory key store holding the key under {@link #ALIAS}. */
  KeyStore keyStore() {
    return keyStore;
  }

  char[] password() {
    return password.clone();
  }

  private static String read(Path file, String flag) throws UserFacingException {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read "
              + flag
              + " "
              + file
              + " ("
              + e.getMessage()
              + ") — check the path and its permissions",
          e);
    }
  }

  /** Signs a random challenge with the key and verifies it with the certificate's public key. */
  private static boolean belongTogether(PrivateKey key, PublicKey certified) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // different algorithms, different curves, or unusable parameters
    }
  }

  private static char[] randomPassword() {
    char[] password = new char[24];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    return password;
  }

  /** Names the certificate only; never the key. */
  @Override
  public String toString() {
    return "TlsIdentity[" + certFile + "]";
  }
}
