-- Unity Catalog tables for Claude Code telemetry sent through databricks-claude.
--
-- databricks-claude forwards Claude Code's OTLP/HTTP (protobuf) exports from
--   http://127.0.0.1:<port>/otel/v1/{metrics,logs,traces}
-- to <workspace>/api/2.0/otel/v1/{metrics,logs,traces} with the header
-- X-Databricks-UC-Table-Name set to the table of that signal. The workspace's OTLP ingestion
-- (Zerobus Ingest) writes each record as one flat row: the OTLP resource and instrumentation
-- scope are copied into every row, attribute maps are VARIANT, ids are lower-case hex strings.
--
-- Create the tables once, before the first run with --otel. The names below are the defaults
-- (--otel alone); change catalog/schema/name to match --otel-metrics-table, --otel-logs-table
-- and --otel-traces-table. The column layout follows the OTLP data model as Databricks documents
-- it in "OpenTelemetry table reference for Zerobus Ingest"; if your workspace's reference page
-- lists a column this file lacks, add it — ingestion rejects rows for a table whose schema does
-- not match. Querying VARIANT columns needs Databricks Runtime 15.3 or later.
--
-- The identity that runs Claude Code (your Databricks login) needs USE CATALOG, USE SCHEMA,
-- SELECT and MODIFY on these tables.

CREATE SCHEMA IF NOT EXISTS main.claude_telemetry;

-- Metrics: Claude Code exports counters (sessions, tokens, cost, lines of code, commits, pull
-- requests, active time) every 10 s. Each data point becomes one row; exactly one of the
-- gauge/sum/histogram/exponential_histogram/summary structs is set, matching metric_type.
CREATE TABLE IF NOT EXISTS main.claude_telemetry.claude_otel_metrics (
  record_id STRING,
  time TIMESTAMP,
  date DATE,
  service_name STRING,
  name STRING,
  description STRING,
  unit STRING,
  metric_type STRING,
  gauge STRUCT<
    start_time_unix_nano: BIGINT, time_unix_nano: BIGINT, value: DOUBLE,
    exemplars: ARRAY<STRUCT<time_unix_nano: BIGINT, value: DOUBLE, span_id: STRING,
      trace_id: STRING, filtered_attributes: VARIANT>>,
    attributes: VARIANT, flags: INT>,
  sum STRUCT<
    start_time_unix_nano: BIGINT, time_unix_nano: BIGINT, value: DOUBLE,
    exemplars: ARRAY<STRUCT<time_unix_nano: BIGINT, value: DOUBLE, span_id: STRING,
      trace_id: STRING, filtered_attributes: VARIANT>>,
    attributes: VARIANT, flags: INT, aggregation_temporality: STRING, is_monotonic: BOOLEAN>,
  histogram STRUCT<
    start_time_unix_nano: BIGINT, time_unix_nano: BIGINT, count: BIGINT, sum: DOUBLE,
    bucket_counts: ARRAY<BIGINT>, explicit_bounds: ARRAY<DOUBLE>,
    exemplars: ARRAY<STRUCT<time_unix_nano: BIGINT, value: DOUBLE, span_id: STRING,
      trace_id: STRING, filtered_attributes: VARIANT>>,
    attributes: VARIANT, flags: INT, min: DOUBLE, max: DOUBLE, aggregation_temporality: STRING>,
  exponential_histogram STRUCT<
    attributes: VARIANT, start_time_unix_nano: BIGINT, time_unix_nano: BIGINT, count: BIGINT,
    sum: DOUBLE, scale: INT, zero_count: BIGINT,
    positive_bucket: STRUCT<offset: INT, bucket_counts: ARRAY<BIGINT>>,
    negative_bucket: STRUCT<offset: INT, bucket_counts: ARRAY<BIGINT>>,
    flags: INT,
    exemplars: ARRAY<STRUCT<time_unix_nano: BIGINT, value: DOUBLE, span_id: STRING,
      trace_id: STRING, filtered_attributes: VARIANT>>,
    min: DOUBLE, max: DOUBLE, zero_threshold: DOUBLE, aggregation_temporality: STRING>,
  summary STRUCT<
    start_time_unix_nano: BIGINT, time_unix_nano: BIGINT, count: BIGINT, sum: DOUBLE,
    quantile_values: ARRAY<STRUCT<quantile: DOUBLE, value: DOUBLE>>,
    attributes: VARIANT, flags: INT>,
  metadata VARIANT,
  metric_schema_url STRING,
  resource STRUCT<attributes: VARIANT, dropped_attributes_count: INT>,
  resource_schema_url STRING,
  instrumentation_scope STRUCT<name: STRING, version: STRING, attributes: VARIANT,
    dropped_attributes_count: INT>
) USING DELTA
CLUSTER BY (time, service_name)
TBLPROPERTIES ('otel.schemaVersion' = 'v1');

-- Logs: Claude Code emits one event per prompt, tool result, API request, API error and tool
-- decision every 5 s; the event's fields are in attributes, its name in event_name.
CREATE TABLE IF NOT EXISTS main.claude_telemetry.claude_otel_logs (
  record_id STRING,
  time TIMESTAMP,
  date DATE,
  service_name STRING,
  event_name STRING,
  trace_id STRING,
  span_id STRING,
  time_unix_nano BIGINT,
  observed_time_unix_nano BIGINT,
  severity_number STRING,
  severity_text STRING,
  body VARIANT,
  attributes VARIANT,
  dropped_attributes_count INT,
  flags INT,
  resource STRUCT<attributes: VARIANT, dropped_attributes_count: INT>,
  resource_schema_url STRING,
  instrumentation_scope STRUCT<name: STRING, version: STRING, attributes: VARIANT,
    dropped_attributes_count: INT>,
  log_schema_url STRING
) USING DELTA
CLUSTER BY (time, service_name)
TBLPROPERTIES ('otel.schemaVersion' = 'v1');

-- Traces (optional, --otel-traces-table): spans from Claude Code's enhanced telemetry beta.
CREATE TABLE IF NOT EXISTS main.claude_telemetry.claude_otel_spans (
  record_id STRING,
  time TIMESTAMP,
  date DATE,
  service_name STRING,
  trace_id STRING,
  span_id STRING,
  trace_state STRING,
  parent_span_id STRING,
  flags INT,
  name STRING,
  kind STRING,
  start_time_unix_nano BIGINT,
  end_time_unix_nano BIGINT,
  attributes VARIANT,
  dropped_attributes_count INT,
  events ARRAY<STRUCT<time_unix_nano: BIGINT, name: STRING, attributes: VARIANT,
    dropped_attributes_count: INT>>,
  dropped_events_count INT,
  links ARRAY<STRUCT<trace_id: STRING, span_id: STRING, trace_state: STRING,
    attributes: VARIANT, dropped_attributes_count: INT, flags: INT>>,
  dropped_links_count INT,
  status STRUCT<message: STRING, code: STRING>,
  resource STRUCT<attributes: VARIANT, dropped_attributes_count: INT>,
  resource_schema_url STRING,
  instrumentation_scope STRUCT<name: STRING, version: STRING, attributes: VARIANT,
    dropped_attributes_count: INT>,
  span_schema_url STRING
) USING DELTA
CLUSTER BY (time, service_name)
TBLPROPERTIES ('otel.schemaVersion' = 'v1');

-- Example: tokens per model over the last day.
-- SELECT attributes:model::string AS model, sum(sum.value) AS tokens
-- FROM main.claude_telemetry.claude_otel_metrics
-- WHERE name = 'claude_code.token.usage' AND time > current_timestamp() - INTERVAL 1 DAY
-- GROUP BY 1 ORDER BY 2 DESC;
