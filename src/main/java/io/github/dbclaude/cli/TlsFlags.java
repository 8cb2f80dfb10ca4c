package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.proxy.TlsIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --tls-cert} and {@code --tls-key}: both or neither, loaded and checked before anything
 * starts, and handed to the detached proxy as absolute paths — it may run in another directory than
 * the session that started it.
 */
final class TlsFlags {
  static final String ENABLED = "databricks-claude: TLS enabled";

  /** Where Node (so Claude Code) reads certificates to trust besides its built-in ones. */
  static final String NODE_CA = "NODE_EXTRA_CA_CERTS";

  private TlsFlags() {}

  static boolean enabled(WrapperOptions o) {
    return !o.tlsCert.isEmpty();
  }

  /** The loaded identity, or empty without the flags; a one-line error for any unusable pair. */
  static Optional<TlsIdentity> load(WrapperOptions o) throws UserFacingException {
    if (o.tlsCert.isEmpty() != o.tlsKey.isEmpty()) {
      throw new UserFacingException("both --tls-cert and --tls-key must be provided together");
    }
    if (!enabled(o)) {
      return Optional.empty();
    }
    return Optional.of(TlsIdentity.load(Path.of(o.tlsCert), Path.of(o.tlsKey)));
  }

  /** {@code --tls-cert=<p>} then {@code --tls-key=<p>}, or nothing. */
  static List<String> childArgs(WrapperOptions o) {
    if (!enabled(o)) {
      return List.of();
    }
    return List.of(
        "--tls-cert=" + Path.of(o.tlsCert).toAbsolutePath(),
        "--tls-key=" + Path.of(o.tlsKey).toAbsolutePath());
  }

  /**
   * For the wrapper's own claude: trust the proxy's certificate file through {@value #NODE_CA} when
   * the user named no file of their own (a certificate file lists its chain, so a self-signed one
   * or one whose file ends with its CA is trusted; a publicly issued one needed nothing).
   */
  static Map<String, String> claudeTrust(WrapperOptions o, Map<String, String> env) {
    return untrustedCert(o, env).map(cert -> Map.of(NODE_CA, cert)).orElse(Map.of());
  }

  /** The line saying the wrapper set {@value #NODE_CA} for its claude. */
  static String trustLine(String cert) {
    return "databricks-claude: TLS: claude trusts " + cert + " (" + NODE_CA + " set for it)";
  }

  /**
   * Where claude runs with an environment we do not choose (hook sessions, IDEs): the warning that
   * an HTTPS proxy will fail every TLS handshake when {@value #NODE_CA} is unset — Claude Code
   * itself only says it cannot connect. Empty with TLS off or the variable set.
   */
  static Optional<String> untrustedWarning(WrapperOptions o, Map<String, String> env) {
    return untrustedCert(o, env)
        .map(
            cert ->
                "the proxy serves HTTPS but "
                    + NODE_CA
                    + " is not set, so Claude Code cannot verify its certificate and every request"
                    + " fails — start claude with "
                    + NODE_CA
                    + "="
                    + cert);
  }

  /** The proxy's certificate file when TLS is on and {@value #NODE_CA} names no file yet. */
  private static Optional<String> untrustedCert(WrapperOptions o, Map<String, String> env) {
    if (!enabled(o) || !env.getOrDefault(NODE_CA, "").isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(o.tlsCert).toAbsolutePath().toString());
  }
}
