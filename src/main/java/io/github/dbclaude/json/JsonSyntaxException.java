package io.github.dbclaude.json;

import java.io.IOException;

/** Text that is not one valid JSON document; the message reads {@code line L, column C: what}. */
public final class JsonSyntaxException extends IOException {
  private final int line;
  private final int column;

  public JsonSyntaxException(int line, int column, String problem) {
    super("line " + line + ", column " + column + ": " + problem);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }
}
