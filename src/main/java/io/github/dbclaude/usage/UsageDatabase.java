package io.github.dbclaude.usage;

import io.github.dbclaude.platform.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The usage database: {@code ~/.claude/databricks-claude/usage.db}, SQLite in WAL mode so several
 * proxies write while {@code usage} reads; each write is one {@code BEGIN IMMEDIATE} transaction
 * that waits (busy timeout) instead of failing when another process holds the lock. The schema is
 * migrated on open; a database from a newer version is read but never written.
 */
public final class UsageDatabase implements AutoCloseable {
  public static final String FILE_NAME = "usage.db";
  static final int BUSY_TIMEOUT_MILLIS = 15_000;
  static final String RETENTION_KEY = "retention_days";

  /** Kept when no {@code usage --retention} was set. */
  public static final int DEFAULT_RETENTION_DAYS = 90;

  private final Connection connection;
  private final boolean writable;

  private UsageDatabase(Connection connection, boolean writable) {
    this.connection = connection;
    this.writable = writable;
  }

  /** The database in {@code dir} ({@code ~/.claude/databricks-claude}). */
  public static Path file(Path dir) {
    return dir.resolve(FILE_NAME);
  }

  /** Opens (creating it 0600 if needed) and migrates the database for writing. */
  public static UsageDatabase open(Path file) throws IOException {
    createPrivately(file);
    Connection connection = connect(file);
    try {
      int version = UsageMigrations.migrate(connection);
      if (version > UsageSchema.CURRENT) {
        connection.close();
        throw new IOException(
            file
                + " was written by a newer databricks-claude (schema "
                + version
                + "); update to record usage again");
      }
      return new UsageDatabase(connection, true);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens an existing database for reading; empty when nothing was recorded yet. */
  public static Optional<UsageDatabase> openExisting(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Connection connection = connect(file);
    try {
      if (UsageMigrations.version(connection) == 0) {
        connection.close();
        return Optional.empty();
      }
      return Optional.of(new UsageDatabase(connection, false));
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Adds {@code records} in one transaction, all or none. */
  public void insert(List<UsageRecord> records, long pid) throws IOException {
    checkWritable();
    try {
      UsageRows.insert(connection, records, pid);
    } catch (SQLException e) {
      throw new IOException("cannot write usage: " + e.getMessage(), e);
    }
  }

  /** Deletes records from before {@code cutoff}; returns how many. */
  public int deleteBefore(Instant cutoff) throws IOException {
    checkWritable();
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM requests WHERE time_ms < ?")) {
      delete.setLong(1, cutoff.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("cannot prune usage: " + e.getMessage(), e);
    }
  }

  /** The records from {@code since} on, oldest first. */
  public List<UsageRecord> since(Instant since) throws IOException {
    try {
      return UsageRows.since(connection, since.toEpochMilli(), Integer.MAX_VALUE);
    } catch (SQLException e) {
      throw new IOException("cannot read usage: " + e.getMessage(), e);
    }
  }

  /** The {@code count} most recent records, newest first. */
  public List<UsageRecord> latest(int count) throws IOException {
    try {
      return UsageRows.latest(connection, count);
    } catch (SQLException e) {
      throw new IOException("cannot read usage: " + e.getMessage(), e);
    }
  }

  /** How many days records are kept. */
  public int retentionDays() throws IOException {
    try (PreparedStatement read =
        connection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
      read.setString(1, RETENTION_KEY);
      try (ResultSet row = read.executeQuery()) {
        return row.next() ? Integer.parseInt(row.getString(1)) : DEFAULT_RETENTION_DAYS;
      }
    } catch (SQLException | NumberFormatException e) {
      return DEFAULT_RETENTION_DAYS;
    }
  }

  /** Keeps records for {@code days} days from now on (every proxy applies it). */
  public void setRetentionDays(int days) throws IOException {
    checkWritable();
    try (PreparedStatement write =
        connection.prepareStatement(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      write.setString(1, RETENTION_KEY);
      write.setString(2, Integer.toString(days));
      write.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("cannot save the retention: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private void checkWritable() throws IOException {
    if (!writable) {
      throw new IOException("the usage database is open for reading only");
    }
  }

  /** Creates the file 0600 before SQLite does, which would use the umask (the WAL files follow). */
  private static void createPrivately(Path file) throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      // Only our own directory is 0700; the ones above it get the usual defaults.
      Files.createDirectories(file.getParent().getParent());
      PrivateFiles.createDirectories(file.getParent());
    }
    if (Files.exists(file)) {
      return;
    }
    try {
      PrivateFiles.createFile(file);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // Another proxy created it first; fine.
    }
  }

  private static Connection connect(Path file) throws IOException {
    Properties properties = new Properties();
    // Understood by the sqlite-jdbc driver: WAL, wait for locks, take the write lock up front.
    properties.setProperty("journal_mode", "WAL");
    properties.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
    properties.setProperty("transaction_mode", "IMMEDIATE");
    properties.setProperty("synchronous", "NORMAL");
    properties.setProperty("foreign_keys", "true");
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
    } catch (SQLException e) {
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing to do: the connection is gone either way.
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
