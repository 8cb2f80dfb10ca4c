package io.github.dbclaude.cli;

/** A command line we cannot act on; reported in one line with exit status 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
