package io.github.dbclaude.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Builds the document tree from jackson-core's streaming parser (no databind: it starts slowly).
 */
final class JsonReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();

  private JsonReader() {}

  static JsonValue read(String text) throws JsonSyntaxException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return whole(parser, JsonReader::value);
    } catch (JsonSyntaxException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a String cannot fail", e);
    }
  }

  /**
   * Reads a JSON object from UTF-8 bytes, keeping only the members named in {@code keep}: the
   * others are skipped without building them (the proxy reads a few figures out of each model
   * answer).
   */
  static JsonObject readMembers(byte[] utf8, int offset, int length, Set<String> keep)
      throws JsonSyntaxException {
    try (JsonParser parser = FACTORY.createParser(utf8, offset, length)) {
      return whole(parser, p -> members(p, keep));
    } catch (JsonSyntaxException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a byte array cannot fail", e);
    }
  }

  private interface Part<T> {
    T read(JsonParser parser) throws IOException;
  }

  /** Exactly one document: {@code part} reads it from its first token on. */
  private static <T> T whole(JsonParser parser, Part<T> part) throws IOException {
    try {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw at(parser.currentLocation(), "unexpected end of input");
      }
      T value = part.read(parser);
      if (parser.nextToken() != null) {
        throw at(parser.currentTokenLocation(), "unexpected data after the JSON value");
      }
      return value;
    } catch (JsonSyntaxException e) {
      throw e;
    } catch (JsonEOFException e) {
      throw at(e.getLocation(), "unexpected end of input");
    } catch (JsonProcessingException e) {
      throw at(e.getLocation(), describe(e.getOriginalMessage()));
    }
  }

  private static JsonObject members(JsonParser parser, Set<String> keep) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw at(parser.currentTokenLocation(), "expected an object");
    }
    JsonObject object = new JsonObject();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      if (keep.contains(key)) {
        object.put(key, value(parser));
      } else {
        parser.skipChildren();
      }
    }
    return object;
  }

  private static JsonValue value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> new JsonString(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText());
      case VALUE_TRUE -> JsonBool.TRUE;
      case VALUE_FALSE -> JsonBool.FALSE;
      case VALUE_NULL -> JsonNull.INSTANCE;
      default -> throw at(parser.currentTokenLocation(), "unexpected " + parser.currentToken());
    };
  }

  private static JsonObject object(JsonParser parser) throws IOException {
    JsonObject object = new JsonObject();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      object.put(key, value(parser));
    }
    return object;
  }

  private static JsonArray array(JsonParser parser) throws IOException {
    JsonArray array = new JsonArray();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(parser));
    }
    return array;
  }

  // Jackson quotes the offending input; it could be a pasted secret, so it never reaches a message.
  private static String describe(String jacksonMessage) {
    String message = jacksonMessage == null ? "" : jacksonMessage;
    int cut = message.indexOf('\n');
    message = cut >= 0 ? message.substring(0, cut) : message;
    if (message.startsWith("Unrecognized token")) {
      return "unrecognized token (expected a string, number, object, array, true, false or null)";
    }
    message = message.replaceAll(" \\('.*?' \\(code \\d+\\)\\)", "");
    message = message.replaceAll("'[^']*'", "'…'").strip();
    if (message.isEmpty()) {
      return "invalid JSON";
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  private static JsonSyntaxException at(JsonLocation location, String problem) {
    int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
    int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
    return new JsonSyntaxException(line, column, problem);
  }
}
