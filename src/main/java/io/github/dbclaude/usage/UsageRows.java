package io.github.dbclaude.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link UsageRecord}s to and from rows of the {@code requests} table. */
final class UsageRows {
  private static final String COLUMNS =
      "time_ms, session_id, model, status, error, duration_ms, ttfb_ms, input_tokens,"
          + " output_tokens, cache_creation_input_tokens, cache_read_input_tokens,"
          + " web_tools_local, stream";

  private UsageRows() {}

  static void insert(Connection connection, List<UsageRecord> records, long pid)
      throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO requests ("
                + COLUMNS
                + ", proxy_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (UsageRecord r : records) {
        insert.setLong(1, r.time().toEpochMilli());
        insert.setString(2, r.session());
        insert.setString(3, r.model());
        insert.setInt(4, r.status());
        insert.setString(5, r.error());
        insert.setLong(6, r.durationMillis());
        if (r.firstByteMillis() < 0) {
          insert.setNull(7, Types.INTEGER);
        } else {
          insert.setLong(7, r.firstByteMillis());
        }
        insert.setLong(8, r.tokens().input());
        insert.setLong(9, r.tokens().output());
        insert.setLong(10, r.tokens().cacheCreation());
        insert.setLong(11, r.tokens().cacheRead());
        insert.setInt(12, r.webToolsLocal() ? 1 : 0);
        insert.setInt(13, r.stream() ? 1 : 0);
        insert.setLong(14, pid);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  static List<UsageRecord> since(Connection connection, long sinceMillis, int limit)
      throws SQLException {
    return query(
        connection,
        "SELECT " + COLUMNS + " FROM requests WHERE time_ms >= ? ORDER BY time_ms, id LIMIT ?",
        sinceMillis,
        limit);
  }

  static List<UsageRecord> latest(Connection connection, int count) throws SQLException {
    return query(
        connection,
        "SELECT "
            + COLUMNS
            + " FROM requests WHERE time_ms >= ? ORDER BY time_ms DESC, id DESC"
            + " LIMIT ?",
        Long.MIN_VALUE,
        count);
  }

  private static List<UsageRecord> query(
      Connection connection, String sql, long sinceMillis, int limit) throws SQLException {
    List<UsageRecord> out = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, sinceMillis);
      select.setInt(2, limit);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          out.add(record(row));
        }
      }
    }
    return out;
  }

  private static UsageRecord record(ResultSet row) throws SQLException {
    long ttfb = row.getLong(7);
    boolean noFirstByte = row.wasNull();
    return new UsageRecord(
        Instant.ofEpochMilli(row.getLong(1)),
        text(row.getString(2)),
        text(row.getString(3)),
        row.getInt(4),
        text(row.getString(5)),
        row.getLong(6),
        noFirstByte ? -1 : ttfb,
        new TokenCounts(row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11)),
        row.getInt(12) != 0,
        row.getInt(13) != 0);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
