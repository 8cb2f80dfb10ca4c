package io.github.dbclaude.proxy.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden fixtures (src/test/resources/sse): input stream → expected output, at every split. */
class SseGoldenTest {

  @ParameterizedTest
  @ValueSource(strings = {"multi-tool", "search-lf", "search-crlf", "search-cr"})
  void rewritesFixtureExactlyInOneChunk(String fixture) throws IOException {
    byte[] in = resource(fixture + ".in.sse");
    assertThat(text(rewrite(in, in.length))).isEqualTo(text(resource(fixture + ".out.sse")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi-tool", "search-lf", "search-crlf", "search-cr"})
  void rewritesFixtureIdenticallyAtEverySplitPoint(String fixture) throws IOException {
    byte[] in = resource(fixture + ".in.sse");
    String expected = text(resource(fixture + ".out.sse"));
    for (int split = 0; split <= in.length; split++) {
      assertThat(text(rewrite(in, split))).as("split at byte %d", split).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi-tool", "search-crlf", "search-cr"})
  void rewritesFixtureFedOneByteAtATime(String fixture) throws IOException {
    byte[] in = resource(fixture + ".in.sse");
    SseRewriter rewriter = new SseRewriter(new FakeToolRunner());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      out.writeBytes(rewriter.feed(ByteBuffer.wrap(new byte[] {b})));
    }
    out.writeBytes(rewriter.finish());
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(text(resource(fixture + ".out.sse")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi-tool", "search-crlf"})
  void runsEachToolExactlyOnceWhateverTheSplit(String fixture) throws IOException {
    byte[] in = resource(fixture + ".in.sse");
    for (int split = 0; split <= in.length; split += 7) {
      FakeToolRunner tools = new FakeToolRunner();
      SseRewriter rewriter = new SseRewriter(tools);
      rewriter.feed(ByteBuffer.wrap(in, 0, split));
      rewriter.feed(ByteBuffer.wrap(in, split, in.length - split));
      rewriter.finish();
      assertThat(tools.calls).hasSize(fixture.equals("multi-tool") ? 3 : 1);
    }
  }

  private static byte[] rewrite(byte[] in, int split) {
    SseRewriter rewriter = new SseRewriter(new FakeToolRunner());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(rewriter.feed(ByteBuffer.wrap(in, 0, split)));
    out.writeBytes(rewriter.feed(ByteBuffer.wrap(in, split, in.length - split)));
    out.writeBytes(rewriter.finish());
    return out.toByteArray();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = SseGoldenTest.class.getResourceAsStream("/sse/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }
}
