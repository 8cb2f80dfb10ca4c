package io.github.dbclaude.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A mutable JSON object that keeps its keys in insertion (file) order. */
public final class JsonObject implements JsonValue {
  private final Map<String, JsonValue> members = new LinkedHashMap<>();

  public Optional<JsonValue> get(String key) {
    return Optional.ofNullable(members.get(key));
  }

  /** The member as a string, only if it is a JSON string. */
  public Optional<String> string(String key) {
    return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }

  /** The member, only if it is a JSON object. */
  public Optional<JsonObject> object(String key) {
    return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
  }

  /** The member, only if it is a JSON array. */
  public Optional<JsonArray> array(String key) {
    return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
  }

  /**
   * The object stored under {@code key}; a missing member or one that is not an object is replaced
   * by a fresh empty object (settings.json treats a non-object {@code env} as absent).
   */
  public JsonObject ensureObject(String key) {
    if (members.get(key) instanceof JsonObject o) {
      return o;
    }
    JsonObject fresh = new JsonObject();
    members.put(key, fresh);
    return fresh;
  }

  /** Sets a member; an existing key keeps its position, a new key goes last. */
  public JsonObject put(String key, JsonValue value) {
    members.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  public JsonObject put(String key, String value) {
    return put(key, new JsonString(value));
  }

  /** Removes a member; returns whether it was present. */
  public boolean remove(String key) {
    return members.remove(key) != null;
  }

  public boolean has(String key) {
    return members.containsKey(key);
  }

  /** The keys in order (a read-only view). */
  public Set<String> keys() {
    return Collections.unmodifiableSet(members.keySet());
  }

  /** The members in order (a read-only view). */
  public Map<String, JsonValue> asMap() {
    return Collections.unmodifiableMap(members);
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  public int size() {
    return members.size();
  }

  @Override
  public JsonObject deepCopy() {
    return copy();
  }

  /** A deep copy. */
  public JsonObject copy() {
    JsonObject copy = new JsonObject();
    members.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonObject other && members.equals(other.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  @Override
  public String toString() {
    return Json.compact(this);
  }
}
