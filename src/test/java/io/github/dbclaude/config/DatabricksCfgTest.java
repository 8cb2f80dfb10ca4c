package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabricksCfgTest {
  private static final String CFG =
      """
      [DEFAULT]
      host = https://default.cloud.databricks.com
      token = dapi-not-used

      [prod]
        host   =   https://prod.cloud.databricks.com\s\s
      host = https://second.example.com

      [staging]
      host=https://staging.cloud.databricks.com

      [nohost]
      cluster_id = abc
      hostname = https://not-a-host-key.example.com

      [prod-2]
      """;

  @TempDir Path dir;

  private DatabricksCfg cfg(String content) throws Exception {
    return new DatabricksCfg(Files.writeString(dir.resolve(".databrickscfg"), content));
  }

  @Test
  void returnsTheHostOfEachSectionTrimmed() throws Exception {
    DatabricksCfg cfg = cfg(CFG);
    assertThat(cfg.host("DEFAULT")).contains("https://default.cloud.databricks.com");
    assertThat(cfg.host("staging")).contains("https://staging.cloud.databricks.com");
  }

  @Test
  void firstHostLineInASectionWins() throws Exception {
    assertThat(cfg(CFG).host("prod")).contains("https://prod.cloud.databricks.com");
  }

  @Test
  void sectionMatchIsCaseInsensitive() throws Exception {
    assertThat(cfg(CFG).host("PROD")).contains("https://prod.cloud.databricks.com");
    assertThat(cfg(CFG).host("default")).contains("https://default.cloud.databricks.com");
  }

  @Test
  void unknownOrEmptyProfileHasNoHost() throws Exception {
    assertThat(cfg(CFG).host("missing")).isEmpty();
    assertThat(cfg(CFG).host("")).isEmpty();
  }

  @Test
  void sectionWithoutHostKeyHasNoHost() throws Exception {
    assertThat(cfg(CFG).host("nohost")).isEmpty();
    assertThat(cfg(CFG).host("prod-2")).isEmpty();
  }

  @Test
  void emptyOrMissingFileHasNoHostAndNoProfiles() throws Exception {
    assertThat(cfg("").host("DEFAULT")).isEmpty();
    DatabricksCfg missing = new DatabricksCfg(dir.resolve("absent"));
    assertThat(missing.host("DEFAULT")).isEmpty();
    assertThat(missing.profiles()).isEmpty();
  }

  @Test
  void hostBeforeAnySectionBelongsToNoProfile() throws Exception {
    assertThat(cfg("host = https://x\n[a]\n").host("a")).isEmpty();
  }

  @Test
  void profilesAreListedInFileOrder() throws Exception {
    assertThat(cfg(CFG).profiles())
        .containsExactly("DEFAULT", "prod", "staging", "nohost", "prod-2");
  }

  @Test
  void sectionReturnsEveryKeyOfTheProfileByTheHostRules() throws Exception {
    DatabricksCfg cfg =
        cfg(
            CFG
                + """
                [ci]
                host = https://ci.example.com
                auth_type = oauth-m2m
                  client_id =  abc
                client_secret=s3cr=et
                token =
                # token = commented-out
                ; token = commented-out
                [CI]
                client_id = second-wins-not
                """);

    assertThat(cfg.section("ci"))
        .containsExactly(
            java.util.Map.entry("host", "https://ci.example.com"),
            java.util.Map.entry("auth_type", "oauth-m2m"),
            java.util.Map.entry("client_id", "abc"),
            java.util.Map.entry("client_secret", "s3cr=et"));
    assertThat(cfg.section("prod"))
        .containsExactly(java.util.Map.entry("host", "https://prod.cloud.databricks.com"));
    assertThat(cfg.section("DEFAULT")).containsEntry("token", "dapi-not-used");
  }

  @Test
  void sectionIsEmptyForAMissingProfileOrFile() throws Exception {
    assertThat(cfg(CFG).section("absent")).isEmpty();
    assertThat(cfg(CFG).section("")).isEmpty();
    assertThat(new DatabricksCfg(dir.resolve("none")).section("DEFAULT")).isEmpty();
  }

  @Test
  void aKnownProfilePassesIgnoringCase() throws Exception {
    DatabricksCfg cfg = cfg(CFG);

    cfg.requireProfile("staging");
    cfg.requireProfile("PROD");
  }

  @Test
  void anUnknownProfileNamesItselfAndEveryKnownOne() throws Exception {
    assertThatThrownBy(() -> cfg(CFG).requireProfile("prdo"))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "profile \"prdo\" is not in "
                + dir.resolve(".databrickscfg")
                + " (its profiles: DEFAULT, prod, staging, nohost, prod-2) — check the spelling,"
                + " or create it with 'databricks-claude setup --profile prdo --host <workspace"
                + " URL>'");
  }

  @Test
  void defaultPassesOnlyWhileThereAreNoProfilesAtAll() throws Exception {
    new DatabricksCfg(dir.resolve("missing")).requireProfile("DEFAULT");
    assertThatThrownBy(() -> new DatabricksCfg(dir.resolve("missing")).requireProfile("work"))
        .hasMessageContaining("(it has no profiles)");
    assertThatThrownBy(() -> cfg("[work]\n").requireProfile("DEFAULT"))
        .hasMessageContaining("(its profiles: work)");
  }

  @Test
  void keysBeforeTheFirstSectionAreTheDefaultProfile() throws Exception {
    cfg("# comment\nhost = https://top.example.com\n[work]\n").requireProfile("DEFAULT");
    assertThatThrownBy(() -> cfg("# host = x\n[work]\n").requireProfile("DEFAULT"))
        .isInstanceOf(UserFacingException.class);
  }

  @Test
  void theConfigFileVariableWinsAndItsTildeIsTheHome() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve(".databrickscfg"), "[home-profile]\n");
    Files.writeString(home.resolve("other.cfg"), "[other]\nhost = https://o.example.com\n");

    assertThat(DatabricksCfg.of(Map.of(), home).profiles()).containsExactly("home-profile");
    assertThat(
            DatabricksCfg.of(Map.of("DATABRICKS_CONFIG_FILE", "~/other.cfg"), home).host("other"))
        .contains("https://o.example.com");
    String absolute = home.resolve("other.cfg").toString();
    assertThat(DatabricksCfg.of(Map.of("DATABRICKS_CONFIG_FILE", absolute), home).profiles())
        .containsExactly("other");
    assertThatThrownBy(() -> DatabricksCfg.of(Map.of(), home).requireProfile("x"))
        .hasMessageContaining(" is not in ~/.databrickscfg (");
  }
}
