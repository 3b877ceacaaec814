package dev.lifelab.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a unit of work in one transaction and retries it from the start when the database says
 * another writer was in the way. Either all of the work is committed or none of it.
 */
final class Tx {
  private static final Logger log = LoggerFactory.getLogger(Tx.class);
  /** How long to keep retrying a busy store before giving up. */
  static final long GIVE_UP_AFTER_MS = 120_000;

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private Tx() {}

  static <T> T run(Connection c, Dialect dialect, String what, Work<T> work) throws SQLException {
    return attempt(c, dialect, false, what, work);
  }

  /** Like {@link #run} for work that only reads: one consistent snapshot, no write lock. */
  static <T> T read(Connection c, Dialect dialect, String what, Work<T> work) throws SQLException {
    return attempt(c, dialect, true, what, work);
  }

  private static <T> T attempt(Connection c, Dialect dialect, boolean readOnly, String what,
      Work<T> work) throws SQLException {
    long deadline = System.currentTimeMillis() + GIVE_UP_AFTER_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        if (readOnly) {
          dialect.beginRead(c);
        } else {
          dialect.begin(c);
        }
        T out = work.run(c);
        dialect.commit(c);
        return out;
      } catch (SQLException e) {
        rollbackQuietly(c, dialect);
        if (!dialect.isRetryable(e) || System.currentTimeMillis() > deadline) {
          throw e;
        }
        log.debug("{}: store busy (attempt {}), retrying: {}", what, attempt, e.getMessage());
        sleep(attempt);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, dialect);
        throw e;
      }
    }
  }

  private static void rollbackQuietly(Connection c, Dialect dialect) {
    try {
      dialect.rollback(c);
    } catch (SQLException ignored) {
      // No transaction was open (BEGIN itself failed); nothing to undo.
    }
  }

  private static void sleep(int attempt) {
    // Jittered back-off so that two processes that collided do not collide again in lockstep.
    long base = Math.min(1000, 10L << Math.min(attempt, 7));
    try {
      Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the results store", e);
    }
  }
}
