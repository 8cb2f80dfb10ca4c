package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.websearch.WebTools;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12, item 3: a held-back 401/403 larger than the hold limit reaches the client whole. */
class LargeRejectionTest {
  private static String bigError(int status) {
    StringBuilder text = new StringBuilder("{\"error_code\":\"" + status + "\",\"message\":\"");
    for (int i = 0; text.length() < 3 * TokenRejection.MAX_BODY; i++) {
      text.append("line ").append(i).append(" of a long refusal. ");
    }
    return text.append("\"}").toString();
  }

  private static void assertWholeBodyArrives(boolean websearch) throws Exception {
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"),
            Log.discard(),
            c ->
                websearch
                    ? c.withWebTools(
                        WebTools.create(
                            "duckduckgo",
                            0,
                            Map.of(WebTools.DDG_URL_ENV, "http://127.0.0.1:9/"),
                            java.time.Clock.systemUTC()))
                    : c)) {
      for (int status : new int[] {401, 403}) {
        String body = bigError(status);
        f.gateway.script(Reply.status(status, body));

        HttpResponse<String> response =
            f.send(
                f.request("/v1/messages")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(WebSearchProxyTest.TOOL_REQUEST)));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
      }
    }
  }

  @Test
  void largeRefusalArrivesWholeWithWebSearchOn() throws Exception {
    assertWholeBodyArrives(true);
  }

  @Test
  void largeRefusalArrivesWholeWithWebSearchOff() throws Exception {
    assertWholeBodyArrives(false);
  }
}
