package io.github.dbclaude.auth;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Learns a Databricks CLI's version once: {@code databricks --version} is run for a binary we have
 * not seen, and the answer kept in the state file with the binary's path and modification time, so
 * an upgrade in place or another CLI is noticed and every other process skips the call.
 */
public final class CliVersionLookup {
  private final StateFile stateFile;
  private final Log log;

  public CliVersionLookup(StateFile stateFile, Log log) {
    this.stateFile = stateFile;
    this.log = log;
  }

  /** The CLI's version; empty when it cannot be run or names no version. */
  public Optional<CliVersion> versionOf(DatabricksCli cli) {
    Optional<State.DatabricksCliVersion> binary = identify(cli.executable());
    Optional<CliVersion> known =
        binary.flatMap(
            b ->
                stateFile
                    .read()
                    .databricksCliVersion()
                    .filter(
                        k -> k.path().equals(b.path()) && k.modifiedMillis() == b.modifiedMillis())
                    .flatMap(k -> CliVersion.parse(k.version())));
    if (known.isPresent()) {
      return known;
    }
    Optional<CliVersion> asked;
    try {
      asked = CliVersion.parse(cli.version());
    } catch (IOException e) {
      log.debug("cannot learn the Databricks CLI's version: " + e.getMessage());
      return Optional.empty();
    }
    log.debug(
        "Databricks CLI "
            + cli.executable()
            + " is version "
            + asked.map(String::valueOf).orElse("unknown"));
    if (binary.isPresent() && asked.isPresent()) {
      remember(
          new State.DatabricksCliVersion(
              binary.get().path(), binary.get().modifiedMillis(), asked.get().toString()));
    }
    return asked;
  }

  private void remember(State.DatabricksCliVersion version) {
    try {
      stateFile.update(s -> s.withDatabricksCliVersion(version));
    } catch (IOException | UserFacingException e) {
      // Only a cache: the next process asks the CLI again.
      log.debug("cannot remember the Databricks CLI's version: " + e.getMessage());
    }
  }

  /** The binary's absolute path and modification time, when it is a file we can see. */
  private static Optional<State.DatabricksCliVersion> identify(String executable) {
    try {
      Path path = Path.of(executable).toAbsolutePath();
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      return Optional.of(
          new State.DatabricksCliVersion(
              path.toString(), Files.getLastModifiedTime(path).toMillis(), ""));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
