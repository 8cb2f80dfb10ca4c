package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
