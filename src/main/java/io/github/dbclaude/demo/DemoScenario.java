package io.github.dbclaude.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's five requests and what each one proves. */
final class DemoScenario {
  private final PrintStream out;
  private final ProxyDemo.Checks checks;
  private final DemoClient client;
  private final SimulatedGateway gateway;
  private final SimulatedTokens issuer;
  private final SimulatedTokens.ManualClock clock;

  DemoScenario(
      PrintStream out,
      ProxyDemo.Checks checks,
      DemoClient client,
      SimulatedGateway gateway,
      SimulatedTokens issuer,
      SimulatedTokens.ManualClock clock) {
    this.out = out;
    this.checks = checks;
    this.client = client;
    this.gateway = gateway;
    this.issuer = issuer;
    this.clock = clock;
  }

  void play() throws IOException, InterruptedException {
    out.println(
        "1. A request like Claude Code's, carrying only the placeholder \"proxy-managed\".");
    DemoClient.Reply first = client.send();
    expectToken(1, "token injected");
    describe(first, true);

    out.println("2. 52 minutes later (simulated clock): token #1 has 8 minutes left.");
    clock.advance(Duration.ofMinutes(52));
    DemoClient.Reply second = client.send();
    expectToken(1, "served at once with the still-valid token");
    describe(second, false);
    boolean refreshed = waitFor(() -> issuer.issuedCount() >= 2, Duration.ofSeconds(10));
    checks.check(
        refreshed && issuer.forcedCount() == 1,
        "token #2 fetched in the background with a forced refresh",
        "the Databricks CLI alone would have kept #1 until 5 minutes before expiry;"
            + " no request waited for it");

    out.println("3. The next request.");
    DemoClient.Reply third = client.send();
    expectToken(2, "token refreshed");
    describe(third, false);

    out.println("4. The workspace revokes token #2 in mid-life (the gateway now answers 403).");
    gateway.revokeToken(issuer.issued(2));
    DemoClient.Reply fourth = client.send();
    expectToken(3, "recovered: token #3 forced from the CLI and the request sent once more");
    List<SimulatedGateway.RecordedRequest> seen = gateway.requests();
    boolean replayed = seen.size() >= 2 && ordinal(seen.get(seen.size() - 2)) == 2;
    checks.check(
        fourth.status() == 200 && replayed,
        "the client saw only the answer (HTTP " + fourth.status() + ")",
        "the gateway's 403 for token #2 stayed inside the proxy");

    out.println("5. Two hours later (a laptop back from sleep): every cached token has expired.");
    clock.advance(Duration.ofHours(2));
    client.send();
    expectToken(4, "a fresh token fetched before forwarding");
  }

  private void expectToken(int ordinal, String claim) {
    List<SimulatedGateway.RecordedRequest> seen = gateway.requests();
    SimulatedGateway.RecordedRequest last = seen.get(seen.size() - 1);
    String apiKey = last.headers().getOrDefault("x-api-key", List.of("")).getFirst();
    String token = bearer(last);
    int got = issuer.ordinalOf(token);
    String detail =
        got == 0
            ? "the gateway saw no Databricks token"
            : "the gateway saw Databricks token #"
                + got
                + " ("
                + token.length()
                + " characters, not shown)"
                + (apiKey.equals(token) ? " in Authorization and x-api-key" : "");
    checks.check(got == ordinal && apiKey.equals(token), claim, detail);
  }

  private int ordinal(SimulatedGateway.RecordedRequest request) {
    return issuer.ordinalOf(bearer(request));
  }

  private static String bearer(SimulatedGateway.RecordedRequest request) {
    String auth = request.headers().getOrDefault("authorization", List.of("")).getFirst();
    return auth.startsWith("Bearer ") ? auth.substring(7) : "";
  }

  private void describe(DemoClient.Reply reply, boolean showText) {
    boolean complete = !reply.events().isEmpty() && reply.events().getLast().equals("message_stop");
    checks.check(
        reply.status() == 200 && complete,
        "streamed "
            + reply.events().size()
            + " SSE events, first after "
            + millis(reply.firstEvent())
            + ", all after "
            + millis(reply.total()),
        showText ? "text \"" + reply.text() + "\"" : "");
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
