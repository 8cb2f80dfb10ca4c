package io.github.dbclaude.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.SimulatedGateway.RecordedRequest;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI researching through {@code databricks-claude --with-websearch}: its
 * WebSearch tool sends Anthropic's server tool, the proxy turns it into a client tool for the
 * (simulated) gateway, runs the model's call against a fake DuckDuckGo page on loopback, and Claude
 * Code gets a finished server-side search back.
 */
class ClaudeCodeWebSearchIT {
  private static final String TOKEN = "dbx-e2e-token-5f3a9c";
  private static final String QUERY = "jdk 99 release notes";
  private static final String PROMPT = "Use your WebSearch tool to search the web for: " + QUERY;
  private static final String RESULT_URL = "https://jdk.example.test/jdk-99-notes";
  private static final Pattern RESULT_URL_IN_TEXT =
      Pattern.compile("https://jdk\\.example\\.test/[a-z0-9-]+");
  private static final String DDG_PAGE =
      """
      <html><body><div class="result results_links web-result"><div class="links_main">
      <a class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fjdk.example.test%2Fjdk-99-notes">JDK 99 Release Notes</a>
      <a class="result__snippet">What is new in JDK 99</a></div></div></body></html>\
      """;
  @TempDir Path root;
  private TestWorkspace ws;
  private ScriptedGateway gateway;
  private HttpServer ddg;
  private ServerSocket internetTrap;
  private final List<String> ddgQueries = new CopyOnWriteArrayList<>();
  private final AtomicInteger trapped = new AtomicInteger();
  private final List<String> turns = new CopyOnWriteArrayList<>();
  private TestHome home;
  private FakeDatabricksCli cli;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin", TOKEN).withClaudeCode();
    gateway = ws.gateway();
    gateway.defaultText("ok");
    for (int i = 0; i < 40; i++) {
      gateway.script(this::answer);
    }
    ddg = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ddg.createContext(
        "/html/",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          ddgQueries.add(
              URLDecoder.decode(
                  form.replaceFirst("^q=", "").replaceAll("&.*", ""), StandardCharsets.UTF_8));
          byte[] bytes = DDG_PAGE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    ddg.start();
    internetTrap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::countTrapped);
    home = ws.home();
    // The scripted model below answers plain tool calls; with Claude Code's tool search on, its
    // WebSearch would first be looked up through ToolSearch. The user's own value is kept by us.
    Files.createDirectories(home.settings().getParent());
    Files.writeString(home.settings(), "{\"env\": {\"ENABLE_TOOL_SEARCH\": \"false\"}}\n");
    cli = ws.cli();
    port = Ports.free();
  }

  @AfterEach
  void tearDown() throws IOException {
    ws.close();
    ddg.stop(0);
    internetTrap.close();
  }

  @Test
  void claudeCodeWebSearchIsAnsweredFromTheLocalSearchThroughTheGateway() throws Exception {
    // In -p mode Claude Code denies WebSearch unless it is allowed (2.1.331 asks for permission).
    Process p = launch("--with-websearch", "--allowedTools", "WebSearch", "-p", PROMPT);
    String story = awaitExit(p);
    String stdout = Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8);
    String stderr = Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).as(story).isZero();
    assertThat(turns)
        .as(story)
        .containsSubsequence("main turn: call WebSearch", "search sub-request");
    List<String> bodies = messageBodies();
    assertThat(bodies.stream().noneMatch(b -> b.contains("\"web_search_20")))
        .as("no server tool upstream; " + story)
        .isTrue();
    assertThat(
            bodies.stream()
                .anyMatch(
                    b ->
                        b.contains("\"name\":\"web_search\"")
                            && b.contains("[databricks-claude:websearch]")))
        .as("the rewritten client tool upstream; " + story)
        .isTrue();
    assertThat(ddgQueries).as(story).containsExactly(QUERY);
    assertThat(stdout).as(story).contains("The web search found " + RESULT_URL);
    assertThat(stdout + stderr).doesNotContain(TOKEN);
    assertThat(trapped.get()).as("connections that tried to leave the machine").isZero();
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15)))
        .as("the proxy stops after the session")
        .isTrue();
  }

  @Test
  void withoutTheFlagClaudeCodesServerToolReachesTheGatewayUnchanged() throws Exception {
    Process p = launch("--with-websearch=false", "--allowedTools", "WebSearch", "-p", PROMPT);
    String story = awaitExit(p);

    // The shape the proxy rewrites with the flag: Claude Code's WebSearch tool asks the model
    // in a request of its own that carries only Anthropic's server tool.
    List<String> searches =
        messageBodies().stream()
            .filter(b -> b.contains("Perform a web search for the query: " + QUERY))
            .toList();
    // Claude Code may send the refused request once more; every copy must reach the gateway as is.
    assertThat(searches).as(story).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(searches)
        .allSatisfy(
            search ->
                assertThat(search.replaceAll("\\s", ""))
                    .contains(
                        "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"")
                    .doesNotContain("[databricks-claude:websearch]"));
    assertThat(ddgQueries).isEmpty();
    assertThat(trapped.get()).as("connections that tried to leave the machine").isZero();
  }

  @Test
  void sessionJoiningASharedProxyStartedWithoutWebsearchGetsTheWebTools() throws Exception {
    // The SessionStart hook's way of starting the shared proxy, while nothing asks for web search.
    Process ensure = launch("--headless-ensure");
    assertThat(ensure.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ensure.exitValue()).as(Files.readString(root.resolve("stderr"))).isZero();
    List<ProcessHandle> proxies = TestWorkspace.headlessProxiesOn(port);
    assertThat(proxies).hasSize(1);
    try {
      Process p = launch("--with-websearch", "--allowedTools", "WebSearch", "-p", PROMPT);
      String story = awaitExit(p);

      assertThat(p.exitValue()).as(story).isZero();
      assertThat(TestWorkspace.headlessProxiesOn(port))
          .as("the session joined the running proxy")
          .containsExactlyElementsOf(proxies);
      assertThat(messageBodies().stream().noneMatch(b -> b.contains("\"web_search_20")))
          .as("no server tool upstream; " + story)
          .isTrue();
      assertThat(ddgQueries).as(story).containsExactly(QUERY);
      assertThat(Files.readString(root.resolve("stdout")))
          .as(story)
          .contains("The web search found " + RESULT_URL);
    } finally {
      Process release = launch("--headless-release");
      assertThat(release.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15)))
        .as("the proxy stops after the last release")
        .isTrue();
  }

  /** Waits for the session; returns what happened, for assertion messages. */
  private String awaitExit(Process p) throws Exception {
    boolean done = p.waitFor(150, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String story =
        "turns "
            + turns
            + "\nstderr: "
            + Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8)
            + "\nstdout: "
            + Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8);
    assertThat(done).as("finished in time; " + story).isTrue();
    return story;
  }

  private Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("dist.home"), "bin", "databricks-claude").toString());
    command.add("--port=" + port);
    command.addAll(List.of(args));
    Map<String, String> env = home.environment(cli.directory());
    env.put(
        "DATABRICKS_CLAUDE_DDG_URL", "http://127.0.0.1:" + ddg.getAddress().getPort() + "/html/");
    // Anything honouring the usual proxy variables that tries to reach a non-loopback host lands
    // here.
    String trap = "http://127.0.0.1:" + internetTrap.getLocalPort();
    env.putAll(
        Map.of(
            "HTTPS_PROXY",
            trap,
            "HTTP_PROXY",
            trap,
            "https_proxy",
            trap,
            "http_proxy",
            trap,
            "NO_PROXY",
            "127.0.0.1,localhost",
            "no_proxy",
            "127.0.0.1,localhost"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.workDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(root.resolve("stdout").toFile())
            .redirectError(root.resolve("stderr").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private List<String> messageBodies() {
    return gateway.requests().stream()
        .filter(r -> r.path().endsWith("/v1/messages"))
        .map(r -> new String(r.body(), StandardCharsets.UTF_8))
        .toList();
  }

  /** The simulated model: one reply per kind of request Claude Code sends while researching. */
  private void answer(
      RecordedRequest request,
      org.eclipse.jetty.server.Response response,
      OutputStream out,
      org.eclipse.jetty.server.Request raw)
      throws IOException {
    String body = new String(request.body(), StandardCharsets.UTF_8);
    Reply reply;
    if (!request.path().endsWith("/v1/messages")) {
      turns.add("other " + request.path());
      reply = Reply.status(200, "{}");
    } else if (body.contains("[databricks-claude:websearch]")) {
      // Claude Code's WebSearch tool asks the model to search, with the server tool the proxy
      // rewrote.
      turns.add("search sub-request");
      reply =
          Reply.sse(
              ModelEvents.toolUse("toolu_ddg_1", "web_search", "{\"query\":\"" + QUERY + "\"}"),
              Duration.ZERO);
    } else if (body.contains("\"web_search_20")) {
      turns.add("server tool reached the gateway");
      reply =
          Reply.status(
              400,
              "{\"error_code\":\"BAD_REQUEST\",\"message\":\"server tools are not supported\"}");
    } else if (body.contains("\"tool_use_id\":\"toolu_main_1\"")) {
      Matcher found = RESULT_URL_IN_TEXT.matcher(body);
      String text =
          found.find() ? "The web search found " + found.group() : "The web search found nothing.";
      turns.add("final answer: " + text);
      reply = Reply.sse(ModelEvents.text(text), Duration.ZERO);
    } else if (body.contains(PROMPT) && body.contains("\"name\":\"WebSearch\"")) {
      turns.add("main turn: call WebSearch");
      reply =
          Reply.sse(
              ModelEvents.toolUse("toolu_main_1", "WebSearch", "{\"query\":\"" + QUERY + "\"}"),
              Duration.ZERO);
    } else {
      turns.add("side request");
      reply =
          body.replaceAll("\\s", "").contains("\"stream\":true")
              ? Reply.sse(ModelEvents.text("ok"), Duration.ZERO)
              : Reply.status(200, ModelEvents.message("ok"));
    }
    reply.send(request, response, out, raw);
  }

  private void countTrapped() {
    while (!internetTrap.isClosed()) {
      try (Socket _ = internetTrap.accept()) {
        trapped.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }
}
