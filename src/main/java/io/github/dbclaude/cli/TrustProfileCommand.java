package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.desktop.TrustProfile;
import io.github.dbclaude.platform.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code desktop generate-trust-profile --cert <pem> [--output <file>]}. */
final class TrustProfileCommand {
  private TrustProfileCommand() {}

  static int run(List<String> args, Environment environment, Path workDir, Supplier<UUID> uuids)
      throws UserFacingException {
    String cert = SubcommandFlags.value(args, "cert");
    if (cert.isEmpty()) {
      throw new UserFacingException(
          "--cert <path> is required — pass the code-signing " + "certificate as a PEM file");
    }
    String output = SubcommandFlags.value(args, "output");
    Path target = output.isEmpty() ? TrustProfile.DEFAULT_OUTPUT : Path.of(output);
    TrustProfile.write(workDir.resolve(cert), workDir.resolve(target), uuids);
    environment.err().println("Wrote trust profile: " + target);
    return 0;
  }
}
