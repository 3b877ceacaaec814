package dev.lifelab.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The store's schema history, oldest first. A store is brought up to date by applying, in
 * order, every migration newer than the version recorded in its {@code schema_version} table.
 * Never edit a released migration: add a new one.
 */
final class Migrations {
  /** One step of the schema: DDL and, when needed, a data fix-up in Java. */
  record Migration(int version, String description, Step step) {}

  @FunctionalInterface
  interface Step {
    void apply(Connection c) throws SQLException;
  }

  static final List<Migration> ALL =
      List.of(
          new Migration(1, "runs, findings, hangs and step timings", Migrations::v1),
          new Migration(2, "finding signatures and re-analysis time", Migrations::v2));

  static final int LATEST = ALL.get(ALL.size() - 1).version();

  private Migrations() {}

  private static void v1(Connection c) throws SQLException {
    sql(c, """
        CREATE TABLE runs (
          run_id TEXT PRIMARY KEY,
          result_schema INTEGER NOT NULL,
          started_at TEXT,
          ended_at TEXT,
          host TEXT,
          target_name TEXT,
          target_kind TEXT,
          target_machine TEXT,
          target_serial TEXT,
          kernel_spec TEXT,
          kernel_release TEXT,
          kernel_version TEXT,
          kernel_arch TEXT,
          kernel_config_hash TEXT,
          kernel_source TEXT,
          plan_name TEXT,
          plan_file TEXT,
          plan_hash TEXT,
          plan_expected_verdict TEXT,
          plan_expected_in TEXT,
          verdict TEXT,
          as_expected INTEGER,
          summary TEXT,
          infra_error TEXT,
          complete INTEGER NOT NULL,
          run_dir TEXT,
          recorded_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )""");
    sql(c, "CREATE INDEX runs_started ON runs (started_at)");
    sql(c, "CREATE INDEX runs_target_plan ON runs (target_name, plan_name, kernel_release)");
    sql(c, """
        CREATE TABLE findings (
          run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
          idx INTEGER NOT NULL,
          kind TEXT,
          title TEXT,
          source TEXT,
          start_line INTEGER NOT NULL,
          end_line INTEGER NOT NULL,
          frames TEXT,
          kernel_version TEXT,
          taint TEXT,
          corrupted INTEGER NOT NULL,
          report TEXT,
          PRIMARY KEY (run_id, idx)
        )""");
    sql(c, """
        CREATE TABLE hangs (
          run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
          idx INTEGER NOT NULL,
          step INTEGER NOT NULL,
          command TEXT,
          timeout TEXT,
          timed_out_at TEXT,
          evidence_at TEXT,
          returned_at TEXT,
          exit_code_on_return INTEGER,
          pid INTEGER,
          state TEXT,
          wchan TEXT,
          stack TEXT,
          blocked_in TEXT,
          sysrq_w TEXT,
          PRIMARY KEY (run_id, idx)
        )""");
    sql(c, """
        CREATE TABLE steps (
          run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
          idx INTEGER NOT NULL,
          step_index INTEGER NOT NULL,
          type TEXT,
          status TEXT,
          start_at TEXT,
          end_at TEXT,
          millis BIGINT NOT NULL,
          exit_code INTEGER,
          PRIMARY KEY (run_id, idx)
        )""");
  }

  /** Signatures let the same bug be found across kernel versions with one indexed lookup. */
  private static void v2(Connection c) throws SQLException {
    sql(c, "ALTER TABLE findings ADD COLUMN signature TEXT");
    sql(c, "ALTER TABLE runs ADD COLUMN analyzed_at TEXT");
    try (PreparedStatement select = c.prepareStatement("SELECT run_id, idx, title FROM findings");
        PreparedStatement update =
            c.prepareStatement("UPDATE findings SET signature = ? WHERE run_id = ? AND idx = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        update.setString(1, FindingSignature.of(rs.getString(3)));
        update.setString(2, rs.getString(1));
        update.setInt(3, rs.getInt(2));
        update.addBatch();
      }
      update.executeBatch();
    }
    sql(c, "CREATE INDEX findings_signature ON findings (signature)");
  }

  private static void sql(Connection c, String statement) throws SQLException {
    Dialect.exec(c, statement);
  }
}
