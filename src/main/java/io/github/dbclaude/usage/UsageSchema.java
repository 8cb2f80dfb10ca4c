package io.github.dbclaude.usage;

import java.util.List;

/**
 * The database schema, one migration per version; {@code PRAGMA user_version} says which ones ran.
 * Times are Unix epoch milliseconds (UTC). README "See your usage" documents the tables.
 */
final class UsageSchema {
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE requests (
                id INTEGER PRIMARY KEY,
                time_ms INTEGER NOT NULL,
                session_id TEXT NOT NULL DEFAULT '',
                model TEXT NOT NULL DEFAULT '',
                status INTEGER NOT NULL,
                error TEXT NOT NULL DEFAULT '',
                duration_ms INTEGER NOT NULL,
                ttfb_ms INTEGER,
                input_tokens INTEGER NOT NULL DEFAULT 0,
                output_tokens INTEGER NOT NULL DEFAULT 0,
                cache_creation_input_tokens INTEGER NOT NULL DEFAULT 0,
                cache_read_input_tokens INTEGER NOT NULL DEFAULT 0,
                web_tools_local INTEGER NOT NULL DEFAULT 0,
                stream INTEGER NOT NULL DEFAULT 0,
                proxy_pid INTEGER NOT NULL DEFAULT 0
              )\
              """,
              "CREATE INDEX requests_by_time ON requests (time_ms)",
              "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));

  /** The version this build writes. */
  static final int CURRENT = MIGRATIONS.size();

  private UsageSchema() {}
}
