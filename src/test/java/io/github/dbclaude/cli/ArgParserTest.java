package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgParserTest {
  private static WrapperOptions parse(String... args) throws UsageException {
    return ArgParser.parse(Arrays.asList(args));
  }

  @Test
  void emptyArgumentsLeaveEverythingAtDefaults() throws Exception {
    WrapperOptions o = parse();
    assertThat(o.profile).isEmpty();
    assertThat(o.verbose || o.help || o.version || o.printEnv || o.otel || o.headless).isFalse();
    assertThat(o.upstream).isEmpty();
    assertThat(o.logFile).isEmpty();
    assertThat(o.claudeArgs).isEmpty();
    assertThat(o.otelMetricsTable).isEqualTo("main.claude_telemetry.claude_otel_metrics");
    assertThat(o.otelMetricsTableGiven).isFalse();
    assertThat(o.idleTimeout).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void helpSetsOnlyHelp() throws Exception {
    WrapperOptions o = parse("--help");
    assertThat(o.help).isTrue();
    assertThat(o.version || o.verbose || o.printEnv || o.otel || o.noOtel).isFalse();
    assertThat(o.claudeArgs).isEmpty();
    assertThat(parse("-h").help).isTrue();
  }

  @Test
  void shortFlagsCountOnlyAsWholeTokens() throws Exception {
    assertThat(parse("-v").verbose).isTrue();
    WrapperOptions o = parse("-vh", "-hv", "-x");
    assertThat(o.verbose || o.help).isFalse();
    assertThat(o.claudeArgs).containsExactly("-vh", "-hv", "-x");
  }

  @Test
  void valueFlagsTakeAttachedOrNextToken() throws Exception {
    assertThat(parse("--log-file", "/tmp/x").logFile).isEqualTo("/tmp/x");
    assertThat(parse("--log-file=/tmp/x").logFile).isEqualTo("/tmp/x");
    assertThat(parse("--profile", "foo").profile).isEqualTo("foo");
    assertThat(parse("--profile=", "foo").profile).isEqualTo("foo");
  }

  @Test
  void aFlagWhereAValueBelongsIsAUsageErrorNotTheValue() throws Exception {
    assertThatThrownBy(() -> parse("--profile", "--print-env"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--profile needs a value, but the next argument is \"--print-env\" (write"
                + " --profile=--print-env if that is the value)");
    assertThatThrownBy(() -> parse("--log-file", "-v")).isInstanceOf(UsageException.class);
    assertThat(parse("--profile=--odd").profile).isEqualTo("--odd");
    assertThat(parse("--log-file", "-").logFile).isEqualTo("-");
  }

  @Test
  void valueFlagAtTheEndIsLeftUnset() throws Exception {
    WrapperOptions o = parse("--profile");
    assertThat(o.profile).isEmpty();
    assertThat(o.claudeArgs).isEmpty();
  }

  @Test
  void switchesIgnoreAttachedValues() throws Exception {
    assertThat(parse("--verbose=false").verbose).isTrue();
  }

  @Test
  void unknownTokensAndEverythingAfterDoubleDashGoToClaudeInOrder() throws Exception {
    WrapperOptions o =
        parse("--unknown", "-p", "--profile", "x", "say hi", "--", "--profile", "zz", "--help");
    assertThat(o.profile).isEqualTo("x");
    assertThat(o.help).isFalse();
    assertThat(o.claudeArgs)
        .containsExactly("--unknown", "-p", "say hi", "--profile", "zz", "--help");
  }

  @Test
  void lastOccurrenceWins() throws Exception {
    assertThat(parse("--profile", "a", "--profile=b").profile).isEqualTo("b");
  }

  @Test
  void otelTableFlagsAreMarkedAsGiven() throws Exception {
    WrapperOptions o = parse("--otel-metrics-table", "c.s.m", "--otel-logs-table=c.s.l");
    assertThat(o.otelMetricsTable).isEqualTo("c.s.m");
    assertThat(o.otelMetricsTableGiven).isTrue();
    assertThat(o.otelLogsTable).isEqualTo("c.s.l");
    assertThat(o.otelLogsTableGiven).isTrue();
    WrapperOptions onlyOtel = parse("--otel");
    assertThat(onlyOtel.otelMetricsTableGiven).isFalse();
    assertThat(onlyOtel.otelLogsTable).isEmpty();
    WrapperOptions traces = parse("--otel-traces");
    assertThat(traces.otelTraces).isTrue();
    assertThat(traces.otelTracesTable).isEmpty();
    assertThat(parse("--otel-traces-table=c.s.t").otelTracesTableGiven).isTrue();
    assertThat(parse("--otel-traces-table=c.s.t").otel).isFalse();
  }

  @Test
  void noOtelFlagsAreIndependentSwitches() throws Exception {
    WrapperOptions o = parse("--no-otel", "--otel", "somearg");
    assertThat(o.noOtel).isTrue();
    assertThat(o.otel).isTrue();
    assertThat(o.claudeArgs).containsExactly("somearg");
    WrapperOptions logs = parse("--no-otel-logs");
    assertThat(logs.noOtelLogs).isTrue();
    assertThat(logs.noOtelMetrics || logs.noOtelTraces || logs.noOtel).isFalse();
  }

  @Test
  void withWebsearchTakesOnlyAnAttachedValue() throws Exception {
    WrapperOptions bare = parse("--with-websearch", "false");
    assertThat(bare.withWebsearch).isTrue();
    assertThat(bare.withWebsearchGiven).isTrue();
    assertThat(bare.claudeArgs).containsExactly("false");
    assertThat(parse("--with-websearch=YES").withWebsearch).isTrue();
    assertThat(parse("--with-websearch=1").withWebsearch).isTrue();
    assertThat(parse("--with-websearch=no").withWebsearch).isFalse();
    assertThat(parse("--with-websearch=False").withWebsearch).isFalse();
    assertThat(parse().withWebsearchGiven).isFalse();
  }

  @Test
  void websearchValuesAreMarked() throws Exception {
    WrapperOptions o =
        parse("--websearch-backend=none", "--websearch-fetch-budget", "204800", "--with-websearch");
    assertThat(o.websearchBackend).isEqualTo("none");
    assertThat(o.websearchBackendGiven).isTrue();
    assertThat(o.websearchFetchBudget).isEqualTo(204800);
    assertThat(o.websearchFetchBudgetGiven).isTrue();
  }

  @Test
  void budgetThatIsNotAnIntegerIsAUsageError() {
    assertThatThrownBy(() -> parse("--websearch-fetch-budget=lots"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--websearch-fetch-budget: \"lots\" is not a positive whole number of bytes");
  }

  @Test
  void idleTimeoutUsesGoDurationSyntax() throws Exception {
    assertThat(parse("--idle-timeout", "10m").idleTimeout).isEqualTo(Duration.ofMinutes(10));
    assertThat(parse("--idle-timeout=5m").idleTimeout).isEqualTo(Duration.ofMinutes(5));
    assertThat(parse("--idle-timeout", "0").idleTimeout).isEqualTo(Duration.ZERO);
    assertThat(parse("--idle-timeout=1h30m").idleTimeout).isEqualTo(Duration.ofMinutes(90));
    assertThat(parse("--idle-timeout=1.5s").idleTimeout).isEqualTo(Duration.ofMillis(1500));
    assertThat(parse("--idle-timeout=300ms").idleTimeout).isEqualTo(Duration.ofMillis(300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "abc", "5x", "", "m", "1..5s"})
  void idleTimeoutRejectsWhatGoRejects(String value) {
    assertThatThrownBy(() -> parse("--idle-timeout", value))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a valid duration (use e.g. 30s, 5m, 1h)");
  }

  @Test
  void portThatIsNotANumberIsAUsageError() throws Exception {
    assertThat(parse("--port", "8080").port).isEqualTo(8080);
    assertThatThrownBy(() -> parse("--port=http")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> parse("--port=70000")).isInstanceOf(UsageException.class);
  }

  @Test
  void everyFlagInTheTableParses() throws Exception {
    for (Flag f : FlagTable.FLAGS) {
      List<String> args =
          f.takesValue() ? List.of("--" + f.name(), sample(f)) : List.of("--" + f.name());
      assertThat(ArgParser.parse(args).claudeArgs).as(f.name()).isEmpty();
    }
  }

  private static String sample(Flag f) {
    return f.valueWord().equals("duration")
        ? "1m"
        : f.name().endsWith("-table") ? "c.s.t" : f.name().endsWith("backend") ? "none" : "1";
  }

  @Test
  void badValuesAreUsageErrorsNamingTheFlag() {
    assertThatThrownBy(() -> parse("--with-websearch=maybe"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--with-websearch: \"maybe\" is not true or false");
    assertThatThrownBy(() -> parse("--websearch-fetch-budget", "-5"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--websearch-fetch-budget: \"-5\" is not a positive whole number of bytes");
    assertThatThrownBy(() -> parse("--otel-metrics-table", "bad table"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--otel-metrics-table: \"bad table\" is not a Unity Catalog table name (use"
                + " catalog.schema.table)");
    assertThatThrownBy(() -> parse("--otel-logs-table=c.s")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> parse("--websearch-backend=bing"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--websearch-backend: \"bing\" is not a search backend");
  }
}
