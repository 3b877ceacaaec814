package dev.lifelab.report;

import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.Change;
import dev.lifelab.report.ReportModel.Occurrence;
import dev.lifelab.report.ReportModel.ProblemGroup;
import dev.lifelab.report.ReportModel.TargetMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as GitHub-flavoured Markdown (for a CI job summary or a mail). Kernel text is
 * escaped for Markdown and for the HTML that Markdown renderers let through; reports go into
 * code fences longer than any backtick run inside them.
 */
public final class MarkdownReport {
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownReport() {}

  public static void write(ReportModel m, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(m), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static String render(ReportModel m) {
    StringBuilder sb = new StringBuilder("# lifelab report\n\n");
    sb.append(m.runs()).append(" runs");
    if (m.since() != null) {
      sb.append(" since ").append(HtmlReport.time(m.since()));
    }
    sb.append(", generated ").append(HtmlReport.time(m.generatedAt())).append(": **")
        .append(m.regressions().size()).append("** regression(s), ").append(m.fixes().size())
        .append(" fix(es), **").append(m.newProblems().size()).append("** new problem(s), ")
        .append(m.knownProblems().size()).append(" known, ").append(m.incomplete().size())
        .append(" incomplete run(s).\n\n");

    sb.append("## Regressions and fixes\n\n");
    if (m.changes().isEmpty()) {
      sb.append("None.\n\n");
    }
    for (Change c : m.changes()) {
      sb.append("- **").append(c.kind() == ReportModel.ChangeKind.REGRESSION ? "Regression" : "Fix")
          .append("** ").append(text(c.target())).append(" · ").append(text(c.plan())).append(": ");
      if (c.between().equals("kernel")) {
        sb.append(text(c.fromKernel())).append(' ').append(c.fromVerdict()).append(" → ")
            .append(text(c.toKernel())).append(' ').append(c.toVerdict());
      } else {
        sb.append("on ").append(text(c.toKernel())).append(", previous run ")
            .append(c.fromVerdict()).append(" → latest run ").append(c.toVerdict());
      }
      if (!c.titles().isEmpty()) {
        sb.append(" — ").append(text(String.join("; ", c.titles())));
      }
      sb.append('\n');
    }
    sb.append("\n## Matrix\n");
    for (TargetMatrix t : m.targets()) {
      sb.append("\n### ").append(text(t.target())).append("\n\n| plan |");
      t.kernels().forEach(k -> sb.append(' ').append(text(k)).append(" |"));
      sb.append("\n|---|").append("---|".repeat(t.kernels().size())).append('\n');
      for (int p = 0; p < t.plans().size(); p++) {
        sb.append("| ").append(text(t.plans().get(p))).append(" |");
        for (Cell c : t.rows().get(p)) {
          sb.append(' ').append(cell(c)).append(" |");
        }
        sb.append('\n');
      }
    }
    problems(sb, "New problems", m.newProblems(), true);
    problems(sb, "Known problems", m.knownProblems(), false);
    return sb.toString();
  }

  private static String cell(Cell c) {
    if (c == null) {
      return "–";
    }
    StringBuilder sb = new StringBuilder(c.verdict() == null ? "incomplete"
        : c.verdict().isKernelProblem() ? "**" + c.verdict().label() + "**" : c.verdict().label());
    for (String t : c.titles()) {
      sb.append("<br>").append(text(t)).append(c.newTitles().contains(t) ? " (new)" : "");
    }
    return sb.toString();
  }

  private static void problems(StringBuilder sb, String heading, List<ProblemGroup> groups,
      boolean withReport) {
    sb.append("\n## ").append(heading).append("\n\n");
    if (groups.isEmpty()) {
      sb.append("None.\n");
    }
    for (ProblemGroup g : groups) {
      List<Occurrence> occ = g.occurrences();
      sb.append("### ").append(text(g.title())).append("\n\n").append(text(g.kind()))
          .append(", seen in ").append(occ.size()).append(" run(s); latest: ")
          .append(text(occ.get(0).target())).append(" · ").append(text(occ.get(0).plan()))
          .append(" · ").append(text(occ.get(0).kernel())).append(" · run ")
          .append(text(occ.get(0).runId())).append("\n");
      if (g.known() != null) {
        sb.append("\nKnown issue ").append(text(g.known().id())).append(" (")
            .append(g.known().status().label()).append("): <")
            .append(g.known().link().replace(">", "%3E").replace(" ", "%20")).append(">\n");
      }
      String report = occ.get(0).problem().text();
      if (withReport && report != null && !report.isBlank()) {
        sb.append('\n').append(fence(report));
      }
      sb.append('\n');
    }
  }

  /** A fenced code block whose fence no backtick run in {@code s} can close. */
  static String fence(String s) {
    int longest = 2;
    Matcher mt = BACKTICKS.matcher(s);
    while (mt.find()) {
      longest = Math.max(longest, mt.end() - mt.start());
    }
    String f = "`".repeat(longest + 1);
    StringBuilder body = new StringBuilder();
    for (String line : s.replace("\r", "").stripTrailing().split("\n", -1)) {
      body.append(TextReport.clean(line.replace("\t", "    "))).append('\n');
    }
    return f + "text\n" + body + f + "\n";
  }

  /** Inline text: HTML and Markdown syntax escaped, kept on one line. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (char ch : TextReport.clean(s).toCharArray()) {
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '#', '(', ')', '!', '~', '{', '}' ->
            sb.append('\\').append(ch);
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
