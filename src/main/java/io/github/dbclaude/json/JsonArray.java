package io.github.dbclaude.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** A mutable JSON array. */
public final class JsonArray implements JsonValue {
  private final List<JsonValue> items = new ArrayList<>();

  public JsonArray() {}

  public JsonArray(List<? extends JsonValue> values) {
    values.forEach(this::add);
  }

  /** A read-only view of the elements, in order. */
  public List<JsonValue> items() {
    return Collections.unmodifiableList(items);
  }

  public JsonArray add(JsonValue value) {
    items.add(Objects.requireNonNull(value, "value"));
    return this;
  }

  public JsonArray add(String value) {
    return add(new JsonString(value));
  }

  public JsonValue get(int index) {
    return items.get(index);
  }

  public JsonValue set(int index, JsonValue value) {
    return items.set(index, Objects.requireNonNull(value, "value"));
  }

  public JsonValue remove(int index) {
    return items.remove(index);
  }

  /** Removes every element matching {@code filter}; returns whether any was removed. */
  public boolean removeIf(Predicate<? super JsonValue> filter) {
    return items.removeIf(filter);
  }

  public int size() {
    return items.size();
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  @Override
  public JsonArray deepCopy() {
    return copy();
  }

  /** A deep copy. */
  public JsonArray copy() {
    JsonArray copy = new JsonArray();
    items.forEach(v -> copy.add(v.deepCopy()));
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonArray other && items.equals(other.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }
}
