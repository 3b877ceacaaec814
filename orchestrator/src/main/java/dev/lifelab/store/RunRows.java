package dev.lifelab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lifelab.common.Json;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.KernelInfo;
import dev.lifelab.result.PlanInfo;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepTiming;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.result.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Writes a RunResult into the runs table and its child tables. Reading is in {@link RunReader}. */
final class RunRows {
  static final List<String> RUN_COLUMNS = List.of(
      "run_id", "result_schema", "started_at", "ended_at", "host",
      "target_name", "target_kind", "target_machine", "target_serial",
      "kernel_spec", "kernel_release", "kernel_version", "kernel_arch", "kernel_config_hash",
      "kernel_source",
      "plan_name", "plan_file", "plan_hash", "plan_expected_verdict", "plan_expected_in",
      "verdict", "as_expected", "summary", "infra_error", "complete", "run_dir");
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private RunRows() {}

  /**
   * Inserts the run's row or updates it in place. With {@code onlyIfIncomplete}, a row already
   * marked complete is left alone. Returns false when nothing was written.
   */
  static boolean upsertRun(Connection c, RunResult r, boolean complete, boolean onlyIfIncomplete,
      Instant now) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO runs (")
        .append(String.join(", ", RUN_COLUMNS)).append(", recorded_at, updated_at) VALUES (")
        .append("?, ".repeat(RUN_COLUMNS.size() + 1)).append("?) ON CONFLICT (run_id) DO UPDATE SET ");
    for (String col : RUN_COLUMNS.subList(1, RUN_COLUMNS.size())) {
      sql.append(col).append(" = excluded.").append(col).append(", ");
    }
    sql.append("updated_at = excluded.updated_at");
    if (onlyIfIncomplete) {
      sql.append(" WHERE runs.complete = 0");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      TargetInfo t = r.target();
      KernelInfo k = r.kernel();
      PlanInfo p = r.plan();
      int i = 1;
      ps.setString(i++, r.runId());
      ps.setInt(i++, r.schema());
      ps.setString(i++, Times.format(r.startedAt()));
      ps.setString(i++, Times.format(r.endedAt()));
      ps.setString(i++, r.host());
      ps.setString(i++, t == null ? null : t.name());
      ps.setString(i++, t == null ? null : t.kind());
      ps.setString(i++, t == null ? null : t.machine());
      ps.setString(i++, t == null ? null : t.serial());
      ps.setString(i++, k == null ? null : k.spec());
      ps.setString(i++, k == null ? null : k.release());
      ps.setString(i++, k == null ? null : k.version());
      ps.setString(i++, k == null ? null : k.arch());
      ps.setString(i++, k == null ? null : k.configHash());
      ps.setString(i++, k == null ? null : k.source());
      ps.setString(i++, p == null ? null : p.name());
      ps.setString(i++, p == null ? null : p.file());
      ps.setString(i++, p == null ? null : p.hash());
      ps.setString(i++, p == null || p.expectedVerdict() == null ? null : p.expectedVerdict().label());
      ps.setString(i++, p == null ? null : p.expectedIn());
      ps.setString(i++, r.verdict() == null ? null : r.verdict().label());
      setBool(ps, i++, r.asExpected());
      ps.setString(i++, r.summary());
      ps.setString(i++, r.infraError());
      ps.setInt(i++, complete ? 1 : 0);
      ps.setString(i++, r.runDir());
      ps.setString(i++, Times.format(now));
      ps.setString(i, Times.format(now));
      return ps.executeUpdate() > 0;
    }
  }

  /** Replaces findings, hangs and step timings of a run with those of {@code r}. */
  static void replaceChildren(Connection c, RunResult r) throws SQLException {
    replaceFindings(c, r.runId(), r.findings());
    delete(c, "hangs", r.runId());
    List<HangRecord> hangs = orEmpty(r.hangs());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO hangs (run_id, idx, step, command,"
        + " timeout, timed_out_at, evidence_at, returned_at, exit_code_on_return, pid, state,"
        + " wchan, stack, blocked_in, sysrq_w) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int idx = 0; idx < hangs.size(); idx++) {
        HangRecord h = hangs.get(idx);
        int i = 1;
        ps.setString(i++, r.runId());
        ps.setInt(i++, idx);
        ps.setInt(i++, h.step());
        ps.setString(i++, h.command());
        ps.setString(i++, Times.format(h.timeout()));
        ps.setString(i++, Times.format(h.timedOutAt()));
        ps.setString(i++, Times.format(h.evidenceAt()));
        ps.setString(i++, Times.format(h.returnedAt()));
        setInt(ps, i++, h.exitCodeOnReturn());
        setInt(ps, i++, h.pid());
        ps.setString(i++, h.state());
        ps.setString(i++, h.wchan());
        ps.setString(i++, h.stack() == null ? null : toJson(h.stack()));
        ps.setString(i++, h.blockedIn());
        ps.setString(i, h.sysrqW());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    delete(c, "steps", r.runId());
    List<StepTiming> steps = orEmpty(r.steps());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO steps (run_id, idx, step_index,"
        + " type, status, start_at, end_at, millis, exit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int idx = 0; idx < steps.size(); idx++) {
        StepTiming s = steps.get(idx);
        int i = 1;
        ps.setString(i++, r.runId());
        ps.setInt(i++, idx);
        ps.setInt(i++, s.index());
        ps.setString(i++, s.type());
        ps.setString(i++, s.status());
        ps.setString(i++, Times.format(s.start()));
        ps.setString(i++, Times.format(s.end()));
        ps.setLong(i++, s.millis());
        setInt(ps, i, s.exitCode());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void replaceFindings(Connection c, String runId, List<Finding> findings)
      throws SQLException {
    delete(c, "findings", runId);
    List<Finding> list = orEmpty(findings);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO findings (run_id, idx, kind, title,"
        + " signature, source, start_line, end_line, frames, kernel_version, taint, corrupted,"
        + " report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int idx = 0; idx < list.size(); idx++) {
        Finding f = list.get(idx);
        int i = 1;
        ps.setString(i++, runId);
        ps.setInt(i++, idx);
        ps.setString(i++, f.kind());
        ps.setString(i++, f.title());
        ps.setString(i++, FindingSignature.of(f.title()));
        ps.setString(i++, f.source());
        ps.setInt(i++, f.startLine());
        ps.setInt(i++, f.endLine());
        ps.setString(i++, f.frames() == null ? null : toJson(f.frames()));
        ps.setString(i++, f.kernelVersion());
        ps.setString(i++, f.taint());
        ps.setInt(i++, f.corrupted() ? 1 : 0);
        ps.setString(i, f.report());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Marks a run as re-analysed and optionally sets a new verdict; false if there is no such run. */
  static boolean touchAnalyzed(Connection c, String runId, Verdict verdict, Instant now)
      throws SQLException {
    String sql = verdict == null
        ? "UPDATE runs SET analyzed_at = ?, updated_at = ? WHERE run_id = ?"
        : "UPDATE runs SET analyzed_at = ?, updated_at = ?, verdict = ? WHERE run_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, Times.format(now));
      ps.setString(i++, Times.format(now));
      if (verdict != null) {
        ps.setString(i++, verdict.label());
      }
      ps.setString(i, runId);
      return ps.executeUpdate() > 0;
    }
  }

  private static void delete(Connection c, String table, String runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
      ps.setString(1, runId);
      ps.executeUpdate();
    }
  }

  static String toJson(List<String> list) {
    try {
      return Json.mapper().writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> fromJson(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt list in results store: " + json, e);
    }
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static void setBool(PreparedStatement ps, int i, Boolean v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v ? 1 : 0);
    }
  }

  static Instant instant(ResultSet rs, String col) throws SQLException {
    return Times.parse(rs.getString(col));
  }
}
