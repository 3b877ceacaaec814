package dev.lifelab.store;

import dev.lifelab.common.UserError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a store's schema up to a version, all pending migrations in one transaction. */
final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  private Migrator() {}

  /**
   * Applies every migration up to {@code target}; returns the version the store is at afterwards.
   * A store written by a newer lifelab is refused rather than guessed at.
   */
  static int migrate(Connection c, Dialect dialect, int target, String storeName)
      throws SQLException {
    return Tx.run(c, dialect, "migrate", conn -> {
      dialect.lockForMigration(conn);
      Dialect.exec(conn, "CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      int current = currentVersion(conn);
      if (current > Migrations.LATEST) {
        throw new UserError("results store " + storeName + " has schema version " + current
            + ", newer than this lifelab understands (" + Migrations.LATEST
            + "); use a newer lifelab");
      }
      final int initial = current;
      if (initial == 0) {
        log.info("creating results store {}", storeName);
      }
      for (Migrations.Migration m : Migrations.ALL) {
        if (m.version() <= current || m.version() > target) {
          continue;
        }
        if (initial == 0) {
          log.debug("schema version {}: {}", m.version(), m.description());
        } else {
          log.info("results store {}: migrating to schema version {} ({})", storeName,
              m.version(), m.description());
        }
        m.step().apply(conn);
        try (PreparedStatement ps = conn.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.setString(3, Times.format(Instant.now()));
          ps.executeUpdate();
        }
        current = m.version();
      }
      return current;
    });
  }

  static int currentVersion(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM schema_version");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
