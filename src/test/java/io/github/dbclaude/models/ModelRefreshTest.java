package io.github.dbclaude.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRefreshTest {
  @TempDir Path home;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-06T08:00:00Z"));

  private StateFile state() {
    return new StateFile(home, Log.discard());
  }

  private ModelRefresh refresh() {
    return new ModelRefresh(state(), now::get);
  }

  private static Discovery listed(String... ids) {
    return new Discovery.Listed(new ModelCatalog(List.of(ids)));
  }

  @Test
  void aFailedOrEmptyDiscoveryNeverBlanksTheSavedChoice() throws Exception {
    refresh().save(listed("databricks-claude-opus-4-8", "databricks-claude-haiku-4-5"));
    FamilyIds saved = state().read().models().discovered().orElseThrow();

    refresh().save(new Discovery.Failed("down", "later"));
    refresh().save(listed("databricks-gpt-5"));

    assertThat(state().read().models().discovered()).contains(saved);
    assertThat(state().read().models().available())
        .containsExactly("databricks-claude-opus-4-8", "databricks-claude-haiku-4-5");
  }

  @Test
  void aFamilyMissingFromANewListKeepsItsSavedModel() throws Exception {
    refresh().save(listed("databricks-claude-opus-4-7", "databricks-claude-haiku-4-5"));
    refresh().save(listed("databricks-claude-opus-4-8"));

    assertThat(state().read().models().discovered())
        .contains(
            new FamilyIds("databricks-claude-opus-4-8[1m]", "", "databricks-claude-haiku-4-5"));
  }

  @Test
  void theBackgroundDiscoveryRunsAtMostOnceADay() throws Exception {
    assertThat(refresh().claimDaily()).isTrue();
    assertThat(refresh().claimDaily()).isFalse();
    now.set(now.get().plus(Duration.ofHours(23)));
    assertThat(refresh().claimDaily()).isFalse();
    now.set(now.get().plus(Duration.ofHours(1)));
    assertThat(refresh().claimDaily()).isTrue();
  }
}
