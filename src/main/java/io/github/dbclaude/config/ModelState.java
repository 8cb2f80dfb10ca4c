package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the state file knows about models and the settings we write for them.
 *
 * @param discovered the Go v2.0 key {@code models}: the choice per family of the last successful
 *     discovery; empty when discovery never succeeded (launches then use the built-in defaults)
 * @param available {@code models_available}: every Claude model id the gateway listed then
 * @param checkedAt {@code models_checked_at}: when discovery was last attempted, successful or not
 * @param pins {@code model_pins}: families the user pinned with {@code config models}
 * @param defaultPin {@code model_pins.default}: the id for {@code ANTHROPIC_MODEL}, only on request
 * @param written {@code settings_written}: the settings.json values we wrote last, so a value that
 *     differs is the user's and is left alone; empty when nothing was recorded yet (older versions)
 * @param experimentalBetasOff {@code experimental_betas: false}: the user asked for the v0.19 env
 *     block with {@code CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1}
 * @param claude {@code claude_version}: the Claude Code version last seen, for the User-Agent line
 */
public record ModelState(
    Optional<FamilyIds> discovered,
    List<String> available,
    Optional<Instant> checkedAt,
    FamilyIds pins,
    String defaultPin,
    Optional<JsonObject> written,
    boolean experimentalBetasOff,
    Optional<ClaudeBinary> claude) {

  public static final ModelState EMPTY =
      new ModelState(
          Optional.empty(),
          List.of(),
          Optional.empty(),
          FamilyIds.NONE,
          "",
          Optional.empty(),
          false,
          Optional.empty());

  public ModelState {
    discovered = Objects.requireNonNullElse(discovered, Optional.empty());
    available = List.copyOf(Objects.requireNonNullElse(available, List.of()));
    checkedAt = Objects.requireNonNullElse(checkedAt, Optional.empty());
    pins = Objects.requireNonNullElse(pins, FamilyIds.NONE);
    defaultPin = Objects.requireNonNullElse(defaultPin, "");
    claude = Objects.requireNonNullElse(claude, Optional.empty());
    written =
        Objects.requireNonNullElse(written, Optional.<JsonObject>empty()).map(JsonObject::copy);
  }

  /** A copy of the record of written values (the record's own stays unshared). */
  @Override
  public Optional<JsonObject> written() {
    return written.map(JsonObject::copy);
  }

  /** After a successful discovery at {@code at}. */
  public ModelState withDiscovery(FamilyIds choice, List<String> ids, Instant at) {
    return new ModelState(
        Optional.of(choice),
        ids,
        Optional.of(at),
        pins,
        defaultPin,
        written,
        experimentalBetasOff,
        claude);
  }

  /** After a discovery attempt at {@code at}, whatever its outcome. */
  public ModelState withCheckedAt(Instant at) {
    return new ModelState(
        discovered,
        available,
        Optional.of(at),
        pins,
        defaultPin,
        written,
        experimentalBetasOff,
        claude);
  }

  public ModelState withPins(FamilyIds families, String defaultModel) {
    return new ModelState(
        discovered,
        available,
        checkedAt,
        families,
        defaultModel,
        written,
        experimentalBetasOff,
        claude);
  }

  public ModelState withWritten(JsonObject record) {
    return new ModelState(
        discovered,
        available,
        checkedAt,
        pins,
        defaultPin,
        Optional.of(record),
        experimentalBetasOff,
        claude);
  }

  public ModelState withExperimentalBetasOff(boolean off) {
    return new ModelState(discovered, available, checkedAt, pins, defaultPin, written, off, claude);
  }

  public ModelState withClaude(ClaudeBinary binary) {
    return new ModelState(
        discovered,
        available,
        checkedAt,
        pins,
        defaultPin,
        written,
        experimentalBetasOff,
        Optional.of(binary));
  }
}
