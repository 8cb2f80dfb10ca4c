package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthSelectorTest {
  private static final String HOST = "https://ws.example.com";

  /**
   * "key=value;key=value" → map; DATABRICKS_* keys go to the environment, others to the profile.
   */
  private static AuthSource select(String fields) throws UserFacingException {
    Map<String, String> section = new HashMap<>();
    Map<String, String> env = new HashMap<>();
    for (String pair : fields.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      (kv[0].startsWith("DATABRICKS_") ? env : section).put(kv[0].strip(), kv[1].strip());
    }
    return new AuthSelector("ci", section, env).select();
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("", "databricks-cli"),
        Arguments.of("host=" + HOST, "databricks-cli"),
        Arguments.of("host=" + HOST + ";auth_type=databricks-cli;token=dapi1", "databricks-cli"),
        Arguments.of("host=" + HOST + ";auth_type=external-browser", "databricks-cli"),
        Arguments.of("host=" + HOST + ";token=dapi1", "pat"),
        Arguments.of("host=" + HOST + ";client_id=sp;client_secret=s", "oauth-m2m"),
        Arguments.of("host=" + HOST + ";client_id=sp", "databricks-cli"),
        Arguments.of(
            "host=" + HOST + ";auth_type=pat;token=dapi1;client_id=sp;client_secret=s", "pat"),
        Arguments.of(
            "host=" + HOST + ";auth_type=oauth-m2m;token=dapi1;client_id=sp;" + "client_secret=s",
            "oauth-m2m"),
        Arguments.of("DATABRICKS_HOST=" + HOST + ";DATABRICKS_TOKEN=dapi1", "pat"),
        Arguments.of(
            "host=" + HOST + ";DATABRICKS_CLIENT_ID=sp;DATABRICKS_CLIENT_SECRET=s", "oauth-m2m"),
        Arguments.of(
            "host=" + HOST + ";token=dapi1;DATABRICKS_AUTH_TYPE=databricks-cli", "databricks-cli"),
        Arguments.of(
            "host="
                + HOST
                + ";auth_type=databricks-cli;DATABRICKS_TOKEN=dapi1;"
                + "DATABRICKS_AUTH_TYPE=pat",
            "pat"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("precedence")
  void picksTheSourceByAuthTypeThenByWhichCredentialsArePresent(String fields, String type)
      throws UserFacingException {
    assertThat(select(fields).type()).isEqualTo(type);
  }

  @Test
  void environmentBeatsTheProfileFieldByField() throws UserFacingException {
    AuthSource.Pat pat =
        (AuthSource.Pat)
            select("host=https://profile.example.com;token=dapi-profile;DATABRICKS_TOKEN=dapi-env");

    assertThat(pat.token()).isEqualTo("dapi-env");
    assertThat(pat.tokenOrigin()).isEqualTo("DATABRICKS_TOKEN");
    assertThat(pat.host()).isEqualTo("https://profile.example.com");
    assertThat(pat.hostOrigin()).isEqualTo("profile \"ci\"");
    assertThat(
            ((AuthSource.Pat)
                    select(
                        "host=https://profile.example.com;token=dapi-profile;"
                            + "DATABRICKS_HOST=https://env.example.com"))
                .host())
        .isEqualTo("https://env.example.com");
  }

  @Test
  void hostWithoutSchemeOrWithTrailingSlashesIsNormalised() throws UserFacingException {
    assertThat(((AuthSource.Pat) select("host=ws.example.com/;token=dapi1")).host())
        .isEqualTo("https://ws.example.com");
  }

  @Test
  void tokenAndClientCredentialsTogetherWithoutAuthTypeAreContradictory() {
    assertThatThrownBy(
            () ->
                select(
                    "host="
                        + HOST
                        + ";client_id=sp;client_secret=s;"
                        + "DATABRICKS_TOKEN=dapi-secret-value"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("profile \"ci\" has both a token (token (from DATABRICKS_TOKEN))")
        .hasMessageContaining("set auth_type = pat or auth_type = oauth-m2m")
        .hasMessageNotContaining("dapi-secret-value");
  }

  @Test
  void authTypeWithoutItsFieldsNamesWhatIsMissing() {
    assertThatThrownBy(() -> select("host=" + HOST + ";auth_type=pat"))
        .hasMessageContaining("auth_type pat (from profile \"ci\") needs token")
        .hasMessageContaining("add token = … to [ci]");
    assertThatThrownBy(() -> select("host=" + HOST + ";auth_type=oauth-m2m;client_id=sp"))
        .hasMessageContaining("needs client_secret")
        .hasMessageContaining("DATABRICKS_CLIENT_SECRET");
    assertThatThrownBy(() -> select("host=" + HOST + ";client_secret=very-secret"))
        .hasMessageContaining("client_secret (from profile \"ci\") needs client_id")
        .hasMessageNotContaining("very-secret");
  }

  @Test
  void patOrM2mWithoutAHostIsAnError() {
    assertThatThrownBy(() -> select("token=dapi1"))
        .hasMessageContaining("has no host")
        .hasMessageContaining("DATABRICKS_HOST");
  }

  @Test
  void descriptionsNeverHoldSecrets() throws UserFacingException {
    AuthSource m2m = select("host=" + HOST + ";client_id=sp-id;client_secret=very-secret");
    AuthSource pat = select("host=" + HOST + ";token=dapi-very-secret");

    assertThat(m2m.describe())
        .isEqualTo(
            "oauth-m2m (service principal sp-id from profile \"ci\", host from profile \"ci\")");
    assertThat(m2m.toString() + pat + pat.describe()).doesNotContain("very-secret");
  }
}
