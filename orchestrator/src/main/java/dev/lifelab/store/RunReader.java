package dev.lifelab.store;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads RunResults back from the store: the matching runs, then their child rows in batches. */
final class RunReader {
  /** Bound parameters per IN (...) list; well under both databases' limits. */
  private static final int BATCH = 500;

  private RunReader() {}

  /** Runs matching {@code q} and, when {@code runId} is not null, having that id. */
  static List<RunResult> query(Connection c, StoreQuery q, String runId) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    addEq(where, params, "run_id", runId);
    if (q.since() != null) {
      where.append(" AND started_at >= ?");
      params.add(Times.format(q.since()));
    }
    if (q.until() != null) {
      where.append(" AND started_at < ?");
      params.add(Times.format(q.until()));
    }
    addEq(where, params, "target_name", q.target());
    addEq(where, params, "plan_name", q.plan());
    addEq(where, params, "kernel_release", q.kernelRelease());
    addEq(where, params, "host", q.host());
    if (q.completeOnly()) {
      where.append(" AND complete = 1");
    }
    String order = q.limit() > 0
        ? " ORDER BY started_at DESC, run_id DESC LIMIT " + q.limit()
        : " ORDER BY started_at, run_id";
    Map<String, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM runs" + where + order)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString("run_id"), new Row(rs));
        }
      }
    }
    List<String> ids = new ArrayList<>(rows.keySet());
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
      loadFindings(c, batch, rows);
      loadHangs(c, batch, rows);
      loadSteps(c, batch, rows);
    }
    List<RunResult> out = new ArrayList<>(rows.size());
    for (Row row : rows.values()) {
      out.add(row.toResult());
    }
    if (q.limit() > 0) {
      Collections.reverse(out); // newest n, but handed out oldest first like every query
    }
    return out;
  }

  private static void addEq(StringBuilder where, List<String> params, String col, String value) {
    if (value != null) {
      where.append(" AND ").append(col).append(" = ?");
      params.add(value);
    }
  }

  private static PreparedStatement children(Connection c, String table, List<String> ids)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    PreparedStatement ps = c.prepareStatement(
        "SELECT * FROM " + table + " WHERE run_id IN (" + marks + ") ORDER BY run_id, idx");
    for (int i = 0; i < ids.size(); i++) {
      ps.setString(i + 1, ids.get(i));
    }
    return ps;
  }

  private static void loadFindings(Connection c, List<String> ids, Map<String, Row> rows)
      throws SQLException {
    try (PreparedStatement ps = children(c, "findings", ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.get(rs.getString("run_id")).findings.add(new Finding(
            rs.getString("kind"),
            rs.getString("title"),
            rs.getString("source"),
            rs.getInt("start_line"),
            rs.getInt("end_line"),
            RunRows.fromJson(rs.getString("frames")),
            rs.getString("kernel_version"),
            rs.getString("taint"),
            rs.getInt("corrupted") != 0,
            rs.getString("report")));
      }
    }
  }

  private static void loadHangs(Connection c, List<String> ids, Map<String, Row> rows)
      throws SQLException {
    try (PreparedStatement ps = children(c, "hangs", ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.get(rs.getString("run_id")).hangs.add(new HangRecord(
            rs.getInt("step"),
            rs.getString("command"),
            Times.parseDuration(rs.getString("timeout")),
            RunRows.instant(rs, "timed_out_at"),
            RunRows.instant(rs, "evidence_at"),
            RunRows.instant(rs, "returned_at"),
            integer(rs, "exit_code_on_return"),
            integer(rs, "pid"),
            rs.getString("state"),
            rs.getString("wchan"),
            RunRows.fromJson(rs.getString("stack")),
            rs.getString("blocked_in"),
            rs.getString("sysrq_w")));
      }
    }
  }

  private static void loadSteps(Connection c, List<String> ids, Map<String, Row> rows)
      throws SQLException {
    try (PreparedStatement ps = children(c, "steps", ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.get(rs.getString("run_id")).steps.add(new StepTiming(
            rs.getInt("step_index"),
            rs.getString("type"),
            rs.getString("status"),
            RunRows.instant(rs, "start_at"),
            RunRows.instant(rs, "end_at"),
            rs.getLong("millis"),
            integer(rs, "exit_code")));
      }
    }
  }

  private static Integer integer(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  /** The scalar columns of one run, plus the child rows collected for it. */
  private static final class Row {
    final Map<String, Object> cols = new HashMap<>();
    final List<Finding> findings = new ArrayList<>();
    final List<HangRecord> hangs = new ArrayList<>();
    final List<StepTiming> steps = new ArrayList<>();

    Row(ResultSet rs) throws SQLException {
      for (String col : RunRows.RUN_COLUMNS) {
        cols.put(col, rs.getObject(col));
      }
    }

    private String s(String col) {
      Object v = cols.get(col);
      return v == null ? null : v.toString();
    }

    private Integer i(String col) {
      Object v = cols.get(col);
      return v == null ? null : ((Number) v).intValue();
    }

    RunResult toResult() {
      TargetInfo target = allNull("target_name", "target_kind", "target_machine", "target_serial")
          ? null
          : new TargetInfo(s("target_name"), s("target_kind"), s("target_machine"),
              s("target_serial"));
      KernelInfo kernel = allNull("kernel_spec", "kernel_release", "kernel_version", "kernel_arch",
          "kernel_config_hash", "kernel_source")
          ? null
          : new KernelInfo(s("kernel_spec"), s("kernel_release"), s("kernel_version"),
              s("kernel_arch"), s("kernel_config_hash"), s("kernel_source"));
      PlanInfo plan = allNull("plan_name", "plan_file", "plan_hash", "plan_expected_verdict",
          "plan_expected_in")
          ? null
          : new PlanInfo(s("plan_name"), s("plan_file"), s("plan_hash"),
              verdict(s("plan_expected_verdict")), s("plan_expected_in"));
      Integer asExpected = i("as_expected");
      return new RunResult(
          i("result_schema"),
          s("run_id"),
          Times.parse(s("started_at")),
          Times.parse(s("ended_at")),
          s("host"),
          target,
          kernel,
          plan,
          verdict(s("verdict")),
          asExpected == null ? null : asExpected != 0,
          s("summary"),
          List.copyOf(findings),
          List.copyOf(hangs),
          s("infra_error"),
          List.copyOf(steps),
          i("complete") != 0,
          s("run_dir"));
    }

    private boolean allNull(String... names) {
      for (String n : names) {
        if (cols.get(n) != null) {
          return false;
        }
      }
      return true;
    }

    private static Verdict verdict(String label) {
      return label == null ? null : Verdict.of(label);
    }
  }
}
