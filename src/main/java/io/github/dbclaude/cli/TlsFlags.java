package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.proxy.TlsIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --tls-cert} and {@code --tls-key}: both or neither, loaded and checked before anything
 * starts, and handed to the detached proxy as absolute paths — it may run in another directory than
 * the session that started it.
 */
final class TlsFlags {
  static final String ENABLED = "databricks-claude: TLS enabled";

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

  /** {@code --tls-cert=<p>} then {@code --tls-key=<p>} (CHECKLIST U), or nothing. */
  static List<String> childArgs(WrapperOptions o) {
    if (!enabled(o)) {
      return List.of();
    }
    return List.of(
        "--tls-cert=" + Path.of(o.tlsCert).toAbsolutePath(),
        "--tls-key=" + Path.of(o.tlsKey).toAbsolutePath());
  }
}
