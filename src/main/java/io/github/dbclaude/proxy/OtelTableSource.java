package io.github.dbclaude.proxy;

/**
 * Where the OTEL route learns the Unity Catalog tables, asked once per request so a long-lived
 * shared proxy follows what later sessions configure.
 */
@FunctionalInterface
public interface OtelTableSource {
  /** The tables to use for the request being forwarded now. */
  OtelTables current();
}
