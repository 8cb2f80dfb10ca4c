package io.github.dbclaude.demo;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import io.github.dbclaude.status.StatusFacts;
import io.github.dbclaude.status.StatusPages;
import io.github.dbclaude.usage.UsageDatabase;
import io.github.dbclaude.usage.UsageRecorder;
import io.github.dbclaude.usage.UsageWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code databricks-claude demo}: the real proxy between a simulated AI Gateway and a client that
 * talks like Claude Code, with simulated Databricks tokens on a clock that can jump an hour. It
 * prints what it observed — which token the gateway saw, when it changed, how the stream arrived —
 * and fails when an observation is not what the proxy promises.
 */
public final class ProxyDemo {
  private final PrintStream out;
  private final Clock wallClock;

  /** A demo printing to {@code out}; {@code wallClock} stamps its usage records. */
  public ProxyDemo(PrintStream out, Clock wallClock) {
    this.out = out;
    this.wallClock = wallClock;
  }

  /** Runs the demo; returns true when every check held. */
  public boolean run() throws IOException, InterruptedException {
    SimulatedTokens.ManualClock clock = new SimulatedTokens.ManualClock(wallClock.instant());
    SimulatedTokens issuer = new SimulatedTokens(clock);
    Path usageDir = Files.createTempDirectory("databricks-claude-demo");
    Path database = UsageDatabase.file(usageDir);
    try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        SimulatedGateway gateway = SimulatedGateway.start();
        UsageWriter usage = UsageWriter.forFile(database, wallClock, Log.discard());
        ProxyServer proxy =
            startProxy(gateway, issuer, clock, background, pages(gateway, usage, database))) {
      gateway.defaultText(
          "Hello from the simulated AI Gateway — this text was streamed to you "
              + "event by event through the local proxy.");
      out.println(
          BuildInfo.TOOL
              + " "
              + BuildInfo.version()
              + " demo — the real proxy, a simulated AI Gateway, simulated Databricks tokens.");
      out.println("Nothing here leaves this machine.");
      out.println();
      out.println("  simulated AI Gateway  " + gateway.anthropicUrl());
      out.println("  local proxy           " + proxy.url() + "   (Claude Code talks to this)");
      out.println("  status page           " + proxy.url() + "/   (open it while the demo runs)");
      out.println();
      DemoClient client = new DemoClient(proxy.url());
      Checks checks = new Checks(out);
      DemoScenario scenario = new DemoScenario(out, checks, client, gateway, issuer, clock);
      scenario.play();
      DemoUsage.report(out, checks, usage, database, gateway.usageSent(), wallClock);
      out.println();
      out.println(checks.summary());
      return checks.allPassed();
    } finally {
      DemoUsage.delete(usageDir);
    }
  }

  /** The demo's own usage records and status page, in a scratch database. */
  private StatusPages pages(SimulatedGateway gateway, UsageWriter usage, Path database) {
    UsageRecorder recorder = new UsageRecorder(usage, wallClock, System::nanoTime, Log.discard());
    StatusFacts facts =
        new StatusFacts(
            BuildInfo.version(),
            "(demo)",
            gateway.baseUrl(),
            "",
            () -> 0,
            java.util.Optional::empty);
    return new StatusPages(recorder, usage, database, facts, wallClock);
  }

  private static ProxyServer startProxy(
      SimulatedGateway gateway,
      SimulatedTokens issuer,
      SimulatedTokens.ManualClock clock,
      ExecutorService background,
      StatusPages pages)
      throws IOException {
    CachingTokenSource tokens = new CachingTokenSource(issuer, clock, background, Log.discard());
    tokens.seed();
    ProxyConfig config =
        new ProxyConfig(
            URI.create(gateway.anthropicUrl()),
            URI.create(gateway.otelUrl()),
            tokens,
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            BuildInfo.version(),
            Optional.empty());
    config = config.withObserver(pages);
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return ProxyServer.start(config, channel);
  }

  /** Pass/fail lines and the tally. */
  static final class Checks {
    private final PrintStream out;
    private int passed;
    private int failed;

    Checks(PrintStream out) {
      this.out = out;
    }

    void check(boolean ok, String claim, String detail) {
      if (ok) {
        passed++;
      } else {
        failed++;
      }
      out.println("     " + (ok ? "✓ " : "✗ ") + claim + (detail.isEmpty() ? "" : " — " + detail));
    }

    boolean allPassed() {
      return failed == 0 && passed > 0;
    }

    String summary() {
      return allPassed()
          ? "All " + passed + " checks passed. Run `databricks-claude --help` to use it for real."
          : failed + " of " + (passed + failed) + " checks FAILED.";
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
