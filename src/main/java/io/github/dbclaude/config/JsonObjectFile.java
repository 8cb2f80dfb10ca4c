package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a file that must hold one JSON object, turning every way it can be wrong into one line. */
final class JsonObjectFile {
  private static final String ADVICE = " — fix or delete it; nothing was changed";

  private JsonObjectFile() {}

  /** The file's bytes, or empty when it does not exist. */
  static Optional<byte[]> readBytes(Path file) throws UserFacingException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  /** The one-line error for a file that exists but cannot be read. */
  static UserFacingException cannotRead(Path file, IOException e) {
    return new UserFacingException(
        "cannot read "
            + file
            + " ("
            + e.getClass().getSimpleName()
            + ")"
            + " — check that it is a readable file; nothing was changed",
        e);
  }

  /** The object the bytes hold; anything else is an error naming the file and the position. */
  static JsonObject parse(Path file, byte[] bytes) throws UserFacingException {
    String text = decode(file, bytes);
    JsonValue value;
    try {
      value = Json.parse(text);
    } catch (JsonSyntaxException e) {
      throw new UserFacingException(file + " is not valid JSON (" + e.getMessage() + ")" + ADVICE);
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new UserFacingException(
        file
            + " does not hold a JSON object ("
            + positionOfFirstValue(text)
            + ": found "
            + kind(value)
            + ")"
            + ADVICE);
  }

  // Replacing malformed bytes with U+FFFD and writing them back would silently corrupt the file.
  private static String decode(Path file, byte[] bytes) throws UserFacingException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UserFacingException(file + " is not valid UTF-8 text" + ADVICE);
    }
  }

  private static String positionOfFirstValue(String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }

  private static String kind(JsonValue value) {
    if (value instanceof JsonObject) {
      return "an object";
    } else if (value instanceof JsonArray) {
      return "an array";
    } else if (value instanceof JsonString) {
      return "a string";
    } else if (value instanceof JsonNumber) {
      return "a number";
    } else if (value instanceof JsonBool) {
      return "a boolean";
    }
    return "null";
  }
}
