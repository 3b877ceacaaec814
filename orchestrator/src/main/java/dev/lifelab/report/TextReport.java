package dev.lifelab.report;

import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.Change;
import dev.lifelab.report.ReportModel.TargetMatrix;
import dev.lifelab.result.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The report for a terminal: per target a matrix of plans × kernel versions, then regressions,
 * fixes and a count of problems. Text from kernels is stripped of control characters, so that a
 * log line cannot send escape sequences to the terminal.
 */
public final class TextReport {
  private TextReport() {}

  /** Matrix, changes and problem counts. */
  public static String render(ReportModel m) {
    StringBuilder sb = new StringBuilder(matrix(m));
    List<Change> reg = m.regressions();
    List<Change> fix = m.fixes();
    if (!reg.isEmpty() || !fix.isEmpty()) {
      sb.append('\n');
    }
    changes(sb, "Regressions", reg);
    changes(sb, "Fixes", fix);
    sb.append('\n').append(m.newProblems().size()).append(" new problem(s), ")
        .append(m.knownProblems().size()).append(" known, ").append(m.incomplete().size())
        .append(" incomplete run(s) among ").append(m.runs()).append(" run(s)\n");
    return sb.toString();
  }

  /**
   * Only the matrices: one block per target, a row per plan, a column per kernel version
   * (natural order). A cell shows the latest complete run's verdict: {@code pass}, {@code FAIL},
   * {@code HANG}, {@code infra}, {@code running} (no complete run yet), {@code -} (never run);
   * {@code *} marks a new problem, {@code ~} a cell whose runs disagree.
   */
  public static String matrix(ReportModel m) {
    StringBuilder sb = new StringBuilder();
    if (m.targets().isEmpty()) {
      return "no runs\n";
    }
    for (TargetMatrix t : m.targets()) {
      List<List<String>> table = new ArrayList<>();
      List<String> head = new ArrayList<>();
      head.add("plan \\ kernel");
      t.kernels().forEach(k -> head.add(clean(k)));
      table.add(head);
      for (int p = 0; p < t.plans().size(); p++) {
        List<String> row = new ArrayList<>();
        row.add(clean(t.plans().get(p)));
        for (Cell c : t.rows().get(p)) {
          row.add(cell(c));
        }
        table.add(row);
      }
      sb.append(clean(t.target())).append('\n');
      int[] width = new int[head.size()];
      for (List<String> row : table) {
        for (int i = 0; i < row.size(); i++) {
          width[i] = Math.max(width[i], row.get(i).length());
        }
      }
      for (List<String> row : table) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.size(); i++) {
          line.append(row.get(i)).append(" ".repeat(width[i] - row.get(i).length() + 2));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
    }
    boolean marked = m.targets().stream().flatMap(t -> t.rows().stream())
        .flatMap(List::stream)
        .anyMatch(c -> c != null && (!c.newTitles().isEmpty() || c.flaky()));
    if (marked) {
      sb.append("(* new problem, ~ runs of the cell disagree)\n");
    }
    return sb.toString();
  }

  private static String cell(Cell c) {
    if (c == null) {
      return "-";
    }
    String v;
    if (c.verdict() == null) {
      v = "running";
    } else if (c.verdict() == Verdict.PASS) {
      v = "pass";
    } else if (c.verdict() == Verdict.INFRA_ERROR) {
      v = "infra";
    } else {
      v = c.verdict().label().toUpperCase();
    }
    return v + (c.newTitles().isEmpty() ? "" : "*") + (c.flaky() ? "~" : "");
  }

  private static void changes(StringBuilder sb, String heading, List<Change> list) {
    if (list.isEmpty()) {
      return;
    }
    sb.append(heading).append(":\n");
    for (Change c : list) {
      sb.append("  ").append(clean(c.target())).append(' ').append(clean(c.plan())).append(": ");
      if (c.between().equals("kernel")) {
        sb.append(clean(c.fromKernel())).append(' ').append(c.fromVerdict()).append(" -> ")
            .append(clean(c.toKernel())).append(' ').append(c.toVerdict());
      } else {
        sb.append("on ").append(clean(c.toKernel())).append(' ').append(c.fromVerdict())
            .append(" -> ").append(c.toVerdict()).append(" (rerun)");
      }
      if (!c.titles().isEmpty()) {
        sb.append(" (").append(clean(String.join("; ", c.titles()))).append(')');
      }
      sb.append('\n');
    }
  }

  /**
   * Writes control characters (ESC, CR, ...) and bidi overrides as {@code \\xNN} / {@code
   * <U+NNNN>}: kernel text must not drive the terminal.
   */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
        sb.append(String.format("\\x%02x", cp));
      } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
        sb.append(String.format("<U+%04X>", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
