package dev.lifelab.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * What differs between the two databases the store runs on. The schema itself is written in SQL
 * that both accept (TEXT, INTEGER, BIGINT, ON CONFLICT upserts), so only connecting, transaction
 * control and the errors worth retrying differ.
 */
enum Dialect {
  SQLITE {
    @Override
    Connection connect(String url) throws SQLException {
      SQLiteConfig config = new SQLiteConfig();
      // WAL lets readers run while one process writes; the busy timeout makes a writer wait for
      // the lock held by another process instead of failing at once.
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.enforceForeignKeys(true);
      return DriverManager.getConnection(url, config.toProperties());
    }

    @Override
    void begin(Connection c) throws SQLException {
      // IMMEDIATE takes the write lock up front. A deferred transaction that reads first and
      // writes later can fail with SQLITE_BUSY without waiting when another process committed
      // in between, which no busy timeout cures.
      exec(c, "BEGIN IMMEDIATE");
    }

    @Override
    void beginRead(Connection c) throws SQLException {
      // A deferred transaction that only reads sees one WAL snapshot and blocks no writer.
      exec(c, "BEGIN DEFERRED");
    }

    @Override
    void commit(Connection c) throws SQLException {
      exec(c, "COMMIT");
    }

    @Override
    void rollback(Connection c) throws SQLException {
      if (!c.getAutoCommit()) {
        c.rollback();
        return;
      }
      exec(c, "ROLLBACK");
    }

    @Override
    boolean isRetryable(SQLException e) {
      // SQLITE_BUSY (5) and SQLITE_LOCKED (6), also as extended codes (low byte).
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException s) {
          int primary = s.getErrorCode() & 0xff;
          if (primary == 5 || primary == 6) {
            return true;
          }
          String msg = String.valueOf(s.getMessage());
          if (msg.contains("SQLITE_BUSY") || msg.contains("SQLITE_LOCKED")) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    void lockForMigration(Connection c) {
      // BEGIN IMMEDIATE already holds the database's only write lock.
    }
  },

  POSTGRES {
    @Override
    Connection connect(String url) throws SQLException {
      Connection c = DriverManager.getConnection(url);
      c.setAutoCommit(true);
      return c;
    }

    @Override
    void begin(Connection c) throws SQLException {
      c.setAutoCommit(false);
    }

    @Override
    void beginRead(Connection c) throws SQLException {
      // Runs and their child rows are read in several statements: one snapshot for all of them.
      c.setAutoCommit(false);
      exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }

    @Override
    void commit(Connection c) throws SQLException {
      c.commit();
      c.setAutoCommit(true);
    }

    @Override
    void rollback(Connection c) throws SQLException {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }

    @Override
    boolean isRetryable(SQLException e) {
      // serialization_failure, deadlock_detected, lock_not_available
      String state = e.getSQLState();
      return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
    }

    @Override
    void lockForMigration(Connection c) throws SQLException {
      // Two hosts opening a fresh store at once must not both create the tables; the lock is
      // released at the end of the transaction.
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
      }
    }
  };

  static final int BUSY_TIMEOUT_MS = 10_000;
  /** Arbitrary constant that names the store's migration lock among advisory locks. */
  private static final long MIGRATION_LOCK_KEY = 0x6c6966656c6162L; // "lifelab"

  abstract Connection connect(String url) throws SQLException;

  abstract void begin(Connection c) throws SQLException;

  abstract void beginRead(Connection c) throws SQLException;

  abstract void commit(Connection c) throws SQLException;

  abstract void rollback(Connection c) throws SQLException;

  abstract boolean isRetryable(SQLException e);

  abstract void lockForMigration(Connection c) throws SQLException;

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
