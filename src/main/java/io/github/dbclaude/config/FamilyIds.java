package io.github.dbclaude.config;

import java.util.List;
import java.util.Objects;

/**
 * One model id per Claude family ({@code ""} = none), the shape of the Go v2.0 state key {@code
 * models} and of our {@code model_pins}.
 */
public record FamilyIds(String opus, String sonnet, String haiku) {
  /** The family names in the order every writer and report uses. */
  public static final List<String> FAMILIES = List.of("opus", "sonnet", "haiku");

  public static final FamilyIds NONE = new FamilyIds("", "", "");

  public FamilyIds {
    opus = Objects.requireNonNullElse(opus, "");
    sonnet = Objects.requireNonNullElse(sonnet, "");
    haiku = Objects.requireNonNullElse(haiku, "");
  }

  /** The id for {@code family} (one of {@link #FAMILIES}). */
  public String get(String family) {
    return switch (family) {
      case "opus" -> opus;
      case "sonnet" -> sonnet;
      case "haiku" -> haiku;
      default -> throw new IllegalArgumentException("unknown model family " + family);
    };
  }

  /** A copy with {@code family} set to {@code id}. */
  public FamilyIds with(String family, String id) {
    return switch (family) {
      case "opus" -> new FamilyIds(id, sonnet, haiku);
      case "sonnet" -> new FamilyIds(opus, id, haiku);
      case "haiku" -> new FamilyIds(opus, sonnet, id);
      default -> throw new IllegalArgumentException("unknown model family " + family);
    };
  }

  public boolean isEmpty() {
    return opus.isEmpty() && sonnet.isEmpty() && haiku.isEmpty();
  }

  /** Each empty family filled from {@code fallback}. */
  public FamilyIds orElse(FamilyIds fallback) {
    return new FamilyIds(
        opus.isEmpty() ? fallback.opus : opus,
        sonnet.isEmpty() ? fallback.sonnet : sonnet,
        haiku.isEmpty() ? fallback.haiku : haiku);
  }
}
