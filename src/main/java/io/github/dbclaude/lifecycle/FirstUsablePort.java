package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.CrossProcessLock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a session's lease goes: the first port from the configured one (and up to the spec's spare
 * ports after it) whose proxy serves what the session needs, or that is free — decided and joined
 * under that port's lease lock; else one line saying who holds the ports and what to do.
 */
final class FirstUsablePort {
  private FirstUsablePort() {}

  /** Leases on the first usable port, or says in one line why none would do. */
  static ProxyLease lease(ProxyLease.Spec spec, ProxyLease.Session session)
      throws UserFacingException {
    List<ProxyOnPort.Taken> taken = new ArrayList<>();
    for (int port = spec.port(); port <= spec.port() + spec.sparePorts(); port++) {
      Optional<ProxyLease> lease = tryPort(spec, session, port, taken);
      if (lease.isPresent()) {
        return lease.get();
      }
    }
    throw new UserFacingException(refusal(spec, taken));
  }

  /** Why no port would do, and what to do about it. */
  private static String refusal(ProxyLease.Spec spec, List<ProxyOnPort.Taken> taken) {
    String why = String.join("; ", taken.stream().map(ProxyOnPort.Taken::why).toList());
    String own = spec.serves().profile();
    Optional<String> other = taken.size() == 1 ? taken.getFirst().otherProfile() : Optional.empty();
    if (spec.sparePorts() == 0 && !own.isEmpty() && other.isPresent()) {
      // A hook session: its claude calls the one port settings.json names, whoever serves it.
      return why
          + ", not this session's profile "
          + own
          + " — Claude Code sends this session's requests there all the same, as "
          + other.get()
          + ": end the sessions using it (see databricks-claude status) or start profile "
          + other.get()
          + "'s sessions with --port <another port>";
    }
    String needs = own.isEmpty() ? "" : " (this session: " + own + ")";
    return why + needs + " — stop that proxy or program, or choose another port with --port";
  }

  private static Optional<ProxyLease> tryPort(
      ProxyLease.Spec spec, ProxyLease.Session session, int port, List<ProxyOnPort.Taken> taken)
      throws UserFacingException {
    PortLeases leases = PortLeases.forPort(spec.tmpDir(), port);
    try (CrossProcessLock _ = leases.lock()) {
      ProxyOnPort.Verdict verdict = ProxyOnPort.inspect(spec, port);
      if (verdict instanceof ProxyOnPort.Taken t) {
        spec.log().debug("lease: " + t.why() + "; not joining it");
        taken.add(t);
        return Optional.empty();
      }
      Optional<HealthProbe.Health> running = ((ProxyOnPort.Usable) verdict).running();
      boolean counted = leases.join(session.id(), session.owner());
      spec.log()
          .debug(
              "lease: "
                  + session.id()
                  + (counted ? " joined" : " already held")
                  + "; leases on port "
                  + port
                  + ": "
                  + leases.count());
      try {
        String url = ProxyOnPort.joinOrStart(spec, leases, port, running);
        return Optional.of(new ProxyLease(spec, session, port, url, true));
      } catch (UserFacingException e) {
        if (counted) {
          leases.drop(session.id());
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot record this session's lease in "
              + spec.tmpDir()
              + ": "
              + e.getMessage()
              + " — check that the directory is writable");
    }
  }
}
