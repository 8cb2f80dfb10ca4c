package io.github.dbclaude.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  private static final String GOLDEN =
      """
      {
        "zeta": 1,
        "alpha": {
          "big": 12345678901234567890,
          "frac": 1.50,
          "exp": 1.50e3,
          "neg": -0.0E-7
        },
        "unicode": "héllo wörld ✓ 😀 日本",
        "html": "<a href=\\"x\\">&amp;</a>",
        "escapes": "tab\\tnl\\ncr\\rbs\\\\q\\"ctl\\u0001\\u001f",
        "empty_obj": {},
        "empty_arr": [],
        "arr": [
          true,
          false,
          null,
          "s",
          [
            1
          ]
        ],
        "mid": "m"
      }
      """;

  @Test
  void prettyRoundTripKeepsKeyOrderNumberTextAndUnicodeByteForByte() throws Exception {
    assertThat(Json.pretty(Json.parse(GOLDEN))).isEqualTo(GOLDEN);
  }

  @Test
  void numbersKeepTheirExactText() throws Exception {
    JsonObject o = (JsonObject) Json.parse("{\"a\":1.50e3,\"b\":12345678901234567890}");
    assertThat(o.get("a")).contains(new JsonNumber("1.50e3"));
    assertThat(o.get("b")).contains(new JsonNumber("12345678901234567890"));
    assertThat(Json.compact(o)).isEqualTo("{\"a\":1.50e3,\"b\":12345678901234567890}");
  }

  @Test
  void asLongRejectsNonIntegers() {
    assertThat(new JsonNumber("42").asLong()).isEqualTo(42L);
    assertThatThrownBy(() -> new JsonNumber("1.5").asLong())
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> new JsonNumber("12345678901234567890").asLong())
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void numberRejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> new JsonNumber("01")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonNumber("NaN")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prettyDoesNotHtmlEscapeAndEscapesControlCharacters() {
    JsonObject o = new JsonObject().put("k", "<&>\u0000\u007f\u2028é");
    assertThat(Json.pretty(o)).isEqualTo("{\n  \"k\": \"<&>\\u0000\u007f\u2028é\"\n}\n");
  }

  @Test
  void loneSurrogatesSurviveAsEscapes() throws Exception {
    JsonValue v = Json.parse("\"a\\ud800b\"");
    assertThat(((JsonString) v).value()).isEqualTo("a\ud800b");
    assertThat(Json.compact(v)).isEqualTo("\"a\\ud800b\"");
  }

  @Test
  void emptyContainersAndScalarsAtTopLevel() throws Exception {
    assertThat(Json.pretty(new JsonObject())).isEqualTo("{}\n");
    assertThat(Json.pretty(new JsonArray())).isEqualTo("[]\n");
    assertThat(Json.parse(" null ")).isEqualTo(JsonNull.INSTANCE);
    assertThat(Json.parse("true")).isEqualTo(JsonBool.TRUE);
    assertThat(Json.parse("[1,2]"))
        .isEqualTo(new JsonArray().add(JsonNumber.of(1)).add(JsonNumber.of(2)));
  }

  @Test
  void compactHasNoWhitespace() throws Exception {
    String text = "{ \"a\" : [ 1 , { \"b\" : null } ] , \"c\" : \"d e\" }";
    assertThat(Json.compact(Json.parse(text))).isEqualTo("{\"a\":[1,{\"b\":null}],\"c\":\"d e\"}");
  }

  @Test
  void duplicateKeyKeepsFirstPositionAndLastValue() throws Exception {
    JsonObject o = (JsonObject) Json.parse("{\"a\":1,\"b\":2,\"a\":3}");
    assertThat(o.keys()).containsExactly("a", "b");
    assertThat(o.get("a")).contains(JsonNumber.of(3));
  }

  @Test
  void truncatedInputReportsLineColumnAndEndOfInput() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\": "))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageStartingWith("line 3, column ")
        .hasMessageEndingWith(": unexpected end of input");
  }

  @Test
  void badTokenReportsItsPosition() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  bad json\n}"))
        .isInstanceOfSatisfying(
            JsonSyntaxException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.getMessage()).startsWith("line 3, column 3: ").doesNotContain("\n");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{} x", "{}{}", "[1] 2", "{bad json", "", "   ", "[1,]", "{\"a\":1,}", "'x'"})
  void rejectsAnythingButOneDocument(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonSyntaxException.class);
  }

  @Test
  void syntaxErrorsNeverQuoteTheInput() {
    assertThatThrownBy(() -> Json.parse("{\"ANTHROPIC_AUTH_TOKEN\": dapiSECRET123}"))
        .hasMessageStartingWith("line 1, column 26: unrecognized token")
        .hasMessageNotContaining("SECRET");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1 Zsecret}"))
        .hasMessageNotContaining("Z")
        .hasMessageContaining("unexpected character");
  }

  @Test
  void trailingGarbageIsNamed() {
    assertThatThrownBy(() -> Json.parse("{}\n{}"))
        .hasMessage("line 2, column 1: unexpected data after the JSON value");
  }

  @Test
  void copyIsDeep() throws Exception {
    JsonObject original = (JsonObject) Json.parse("{\"env\":{\"A\":\"1\"},\"l\":[{\"x\":1}]}");
    JsonObject copy = original.copy();
    copy.object("env").orElseThrow().put("B", "2");
    ((JsonObject) copy.array("l").orElseThrow().get(0)).remove("x");
    assertThat(Json.compact(original)).isEqualTo("{\"env\":{\"A\":\"1\"},\"l\":[{\"x\":1}]}");
    assertThat(copy).isNotEqualTo(original);
  }

  @Test
  void typedAccessorsOnlyAnswerForTheirType() throws Exception {
    JsonObject o = (JsonObject) Json.parse("{\"s\":\"v\",\"n\":1,\"o\":{},\"a\":[]}");
    assertThat(o.string("s")).contains("v");
    assertThat(o.string("n")).isEmpty();
    assertThat(o.object("o")).contains(new JsonObject());
    assertThat(o.object("a")).isEmpty();
    assertThat(o.array("a")).contains(new JsonArray());
    assertThat(o.get("missing")).isEmpty();
    assertThat(o.remove("s")).isTrue();
    assertThat(o.remove("s")).isFalse();
    assertThat(o.size()).isEqualTo(3);
  }

  @Test
  void ensureObjectReplacesANonObjectMember() {
    JsonObject o = new JsonObject().put("env", "oops").put("after", "x");
    o.ensureObject("env").put("K", "V");
    assertThat(Json.compact(o)).isEqualTo("{\"env\":{\"K\":\"V\"},\"after\":\"x\"}");
  }

  @Test
  void valuesArePatternMatchable() throws Exception {
    JsonValue v = Json.parse("[1]");
    String kind =
        switch (v) {
          case JsonObject o -> "object";
          case JsonArray a -> "array of " + a.size();
          case JsonString s -> "string";
          case JsonNumber n -> "number";
          case JsonBool b -> "bool";
          case JsonNull n -> "null";
        };
    assertThat(kind).isEqualTo("array of 1");
  }

  @Test
  void parseMembersBuildsOnlyTheMembersAskedFor() throws Exception {
    byte[] answer =
        ("{\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"é {[\\\"\"}],"
                + "\"model\":\"claude\",\"usage\":{\"input_tokens\":3}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonObject kept =
        Json.parseMembers(answer, 0, answer.length, java.util.Set.of("model", "usage"));
    assertThat(Json.compact(kept))
        .isEqualTo("{\"model\":\"claude\",\"usage\":{\"input_tokens\":3}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "{\"skipped\":[1,}", "{\"a\":1} x", "{\"skipped\":\"open"})
  void parseMembersRejectsWhatIsNotOneObject(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.parseMembers(bytes, 0, bytes.length, java.util.Set.of("a")))
        .isInstanceOf(JsonSyntaxException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "7", "-12", "1.5", "0.25", "1e9", "1E+2", "-3.0e-7", "120"})
  void numbersFollowingJsonGrammarAreAccepted(String text) {
    assertThat(new JsonNumber(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "-", "01", "-01", "1.", ".5", "1e", "1e+", "+1", "1.5.2", "0x1", "1 ", "NaN", "e5"
      })
  void numbersOutsideJsonGrammarAreRefused(String text) {
    assertThatThrownBy(() -> new JsonNumber(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
