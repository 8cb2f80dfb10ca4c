package io.github.dbclaude.usage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings a database to {@link UsageSchema#CURRENT} inside one immediate transaction, so two proxies
 * opening a fresh database at once migrate it once.
 */
final class UsageMigrations {
  private UsageMigrations() {}

  /** Migrates and returns the version found (greater than current means a newer tool wrote it). */
  static int migrate(Connection connection) throws SQLException {
    if (version(connection) == UsageSchema.CURRENT) {
      return UsageSchema.CURRENT;
    }
    connection.setAutoCommit(false);
    try {
      int found = version(connection); // again, under the write lock
      for (int v = found; v < UsageSchema.CURRENT; v++) {
        for (String sql : UsageSchema.MIGRATIONS.get(v)) {
          UsageDatabase.execute(connection, sql);
        }
      }
      if (found < UsageSchema.CURRENT) {
        UsageDatabase.execute(connection, "PRAGMA user_version = " + UsageSchema.CURRENT);
      }
      connection.commit();
      return found;
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  static int version(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA user_version")) {
      return row.next() ? row.getInt(1) : 0;
    }
  }
}
