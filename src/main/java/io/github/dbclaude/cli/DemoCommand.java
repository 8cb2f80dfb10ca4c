package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.demo.ProxyDemo;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.util.List;

/** {@code databricks-claude demo}: shows the proxy at work without Databricks or Claude Code. */
final class DemoCommand {
  private DemoCommand() {}

  static int run(List<String> args, Environment environment)
      throws UserFacingException, UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("demo takes no arguments (got " + args.getFirst() + ")");
    }
    try {
      return new ProxyDemo(environment.out(), environment.clock()).run() ? 0 : 1;
    } catch (IOException e) {
      throw new UserFacingException("the demo could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }
}
