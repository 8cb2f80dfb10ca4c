package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfilesAndGatewayUrlTest {
  @Test
  void flagBeatsState() {
    assertThat(Profiles.resolve("work", "home"))
        .isEqualTo(new ResolvedProfile("work", "--profile flag"));
  }

  @Test
  void stateIsUsedWithoutFlagEvenWhenItIsLiterallyDefault() {
    assertThat(Profiles.resolve(null, "home")).isEqualTo(new ResolvedProfile("home", "state file"));
    assertThat(Profiles.resolve("", "DEFAULT"))
        .isEqualTo(new ResolvedProfile("DEFAULT", "state file"));
  }

  @Test
  void fallsBackToDefault() {
    assertThat(Profiles.resolve(null, null)).isEqualTo(new ResolvedProfile("DEFAULT", "default"));
    assertThat(Profiles.resolve("", "")).isEqualTo(new ResolvedProfile("DEFAULT", "default"));
  }

  @Test
  void gatewayUrlDropsEveryTrailingSlash() {
    String host = "https://adb-123.4.azuredatabricks.net";
    assertThat(GatewayUrl.of(host)).isEqualTo(host + "/ai-gateway/anthropic");
    assertThat(GatewayUrl.of(host + "/")).isEqualTo(host + "/ai-gateway/anthropic");
    assertThat(GatewayUrl.of(host + "///")).isEqualTo(host + "/ai-gateway/anthropic");
  }
}
