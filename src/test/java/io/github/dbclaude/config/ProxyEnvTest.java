package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyEnvTest {
  private static final String PROXY = "http://127.0.0.1:49153";
  private static final PortProbe TCP = PortProbe.tcp(Duration.ofMillis(200));

  @TempDir Path home;
  private final List<ServerSocket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() throws Exception {
    for (ServerSocket s : sockets) {
      s.close();
    }
  }

  private int listeningPort() throws Exception {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    sockets.add(socket);
    return socket.getLocalPort();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static JsonObject doc(String json) throws Exception {
    return (JsonObject) Json.parse(json);
  }

  private static JsonObject env(JsonObject settings) {
    return settings.object("env").orElseThrow();
  }

  @Test
  void freshDocumentGetsBaseUrlAndProxyManagedToken() {
    JsonObject s = new JsonObject();
    ProxyEnv.apply(s, PROXY, Map.of(), TCP);
    assertThat(Json.compact(s))
        .isEqualTo(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\""
                + PROXY
                + "\",\"ANTHROPIC_AUTH_TOKEN\":\"proxy-managed\"}}");
  }

  @Test
  void keepsUnrelatedEnvAndTopLevelKeys() throws Exception {
    JsonObject s = doc("{\"model\":\"x\",\"env\":{\"MY_CUSTOM_VAR\":\"keep\"}}");
    ProxyEnv.apply(s, PROXY, Map.of(), TCP);
    assertThat(s.string("model")).contains("x");
    assertThat(env(s).string("MY_CUSTOM_VAR")).contains("keep");
    assertThat(env(s).keys())
        .containsExactly("MY_CUSTOM_VAR", "ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN");
  }

  @Test
  void nonObjectEnvIsReplacedByAFreshObject() throws Exception {
    JsonObject s = doc("{\"env\":[1,2]}");
    ProxyEnv.apply(s, PROXY, Map.of(), TCP);
    assertThat(env(s).string("ANTHROPIC_BASE_URL")).contains(PROXY);
  }

  @Test
  void alreadyPointingAtProxyWithoutExtrasLeavesTheDocumentUnchanged() throws Exception {
    JsonObject s =
        doc(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\""
                + PROXY
                + "\",\"ANTHROPIC_AUTH_TOKEN\":\"custom\"}}");
    JsonObject before = s.copy();
    Map<String, String> emptyValues = new LinkedHashMap<>();
    emptyValues.put("ANTHROPIC_MODEL", "");
    ProxyEnv.apply(s, PROXY, emptyValues, TCP);
    assertThat(Json.compact(s)).isEqualTo(Json.compact(before));
  }

  @Test
  void nonEmptyExtrasAreWrittenInOrderAndEmptyOnesSkipped() throws Exception {
    JsonObject s = doc("{\"env\":{\"ANTHROPIC_BASE_URL\":\"" + PROXY + "\"}}");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("CLAUDE_OTEL_UC_METRICS_TABLE", "c.s.m");
    extra.put("SKIPPED", "");
    extra.put("ANTHROPIC_CUSTOM_HEADERS", "x-databricks-use-coding-agent-mode: true");
    ProxyEnv.apply(s, PROXY, extra, TCP);
    assertThat(env(s).keys())
        .containsExactly(
            "ANTHROPIC_BASE_URL",
            "ANTHROPIC_AUTH_TOKEN",
            "CLAUDE_OTEL_UC_METRICS_TABLE",
            "ANTHROPIC_CUSTOM_HEADERS");
    assertThat(env(s).string("ANTHROPIC_CUSTOM_HEADERS"))
        .contains("x-databricks-use-coding-agent-mode: true");
  }

  @Test
  void anExtraAuthTokenOverridesProxyManaged() {
    JsonObject s = new JsonObject();
    ProxyEnv.apply(s, PROXY, Map.of("ANTHROPIC_AUTH_TOKEN", "the-api-key"), TCP);
    assertThat(env(s).string("ANTHROPIC_AUTH_TOKEN")).contains("the-api-key");
  }

  @Test
  void userSuppliedRemoteBaseUrlIsReplacedByTheProxyUrl() throws Exception {
    JsonObject s = doc("{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://example.com\"}}");
    ProxyEnv.apply(
        s,
        PROXY,
        Map.of(),
        port -> {
          throw new AssertionError("a non-loopback URL is never probed");
        });
    assertThat(env(s).string("ANTHROPIC_BASE_URL")).contains(PROXY);
  }

  @Test
  void staleBaseUrlOnClosedPortIsPrunedAndReplaced() throws Exception {
    int dead = closedPort();
    JsonObject s =
        doc(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://127.0.0.1:"
                + dead
                + "\",\"ANTHROPIC_AUTH_TOKEN\":\"old\"}}");
    ProxyEnv.apply(s, PROXY, Map.of(), TCP);
    assertThat(env(s).string("ANTHROPIC_BASE_URL")).contains(PROXY);
    assertThat(env(s).string("ANTHROPIC_AUTH_TOKEN")).contains("proxy-managed");
  }

  @Test
  void liveEndpointOnAnotherPortIsKeptAndDeadOneDeletedWithSiblingsSurviving() throws Exception {
    int live = listeningPort();
    int dead = closedPort();
    JsonObject s =
        doc(
            "{\"env\":{"
                + "\"OTEL_EXPORTER_OTLP_METRICS_ENDPOINT\":\"http://127.0.0.1:"
                + dead
                + "/otel/v1/metrics\","
                + "\"OTEL_EXPORTER_OTLP_LOGS_ENDPOINT\":\"http://127.0.0.1:"
                + live
                + "/otel/v1/logs\","
                + "\"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT\":\"https://collector.example.com:4318\","
                + "\"OTEL_METRICS_EXPORTER\":\"otlp\","
                + "\"OTEL_METRIC_EXPORT_INTERVAL\":\"10000\","
                + "\"OTEL_EXPORTER_OTLP_METRICS_HEADERS\":\"X-Databricks-UC-Table-Name=a.b.c\"}}");
    ProxyEnv.apply(s, PROXY, Map.of(), TCP);
    assertThat(env(s).keys())
        .doesNotContain("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
        .contains(
            "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_METRICS_EXPORTER",
            "OTEL_METRIC_EXPORT_INTERVAL",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS");
  }

  @Test
  void liveBaseUrlOnTheProxyPortIsKeptWithoutProbing() throws Exception {
    JsonObject s =
        doc(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\""
                + PROXY
                + "\",\"X_ENDPOINT\":\""
                + PROXY
                + "/otel\"}}");
    JsonObject before = s.copy();
    ProxyEnv.apply(
        s,
        PROXY,
        Map.of(),
        port -> {
          throw new AssertionError("the proxy's own port is never probed");
        });
    assertThat(s).isEqualTo(before);
  }

  @Test
  void eachPortIsProbedAtMostOncePerUpdate() throws Exception {
    List<Integer> probed = new ArrayList<>();
    JsonObject s =
        doc(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\"http://127.0.0.1:5000\","
                + "\"A_ENDPOINT\":\"http://127.0.0.1:5000/a\",\"B_ENDPOINT\":\"http://127.0.0.1:5000/b\"}}");
    ProxyEnv.apply(
        s,
        PROXY,
        Map.of(),
        port -> {
          probed.add(port);
          return true;
        });
    assertThat(probed).containsExactly(5000);
    assertThat(env(s).keys()).contains("A_ENDPOINT", "B_ENDPOINT");
  }

  @Test
  void tcpProbeSeesAListeningSocketAndAClosedPort() throws Exception {
    assertThat(TCP.isListening(listeningPort())).isTrue();
    assertThat(TCP.isListening(closedPort())).isFalse();
    assertThat(TCP.isListening(99999)).isFalse();
  }

  @Test
  void twoUpdatesWithTheSameUrlLeaveSettingsByteIdentical() throws Exception {
    SettingsFile file = new SettingsFile(home);
    assertThat(file.update(s -> ProxyEnv.apply(s, PROXY, Map.of(), TCP))).isTrue();
    byte[] first = Files.readAllBytes(file.path());
    assertThat(file.update(s -> ProxyEnv.apply(s, PROXY, Map.of(), TCP))).isFalse();
    assertThat(Files.readAllBytes(file.path())).isEqualTo(first);
  }

  @Test
  void loopbackPortOnlyForExactly127001WithANumericPort() {
    assertThat(ProxyEnv.loopbackPort("http://127.0.0.1:8080/x")).hasValue(8080);
    assertThat(ProxyEnv.loopbackPort("http://localhost:8080")).isEmpty();
    assertThat(ProxyEnv.loopbackPort("http://127.0.0.1")).isEmpty();
    assertThat(ProxyEnv.loopbackPort("not a url")).isEmpty();
  }
}
