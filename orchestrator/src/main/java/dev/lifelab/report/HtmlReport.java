package dev.lifelab.report;

import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.Change;
import dev.lifelab.report.ReportModel.ChangeKind;
import dev.lifelab.report.ReportModel.TargetMatrix;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS, no script, no external resource.
 * Every piece of text that comes from a kernel, a log or a result passes through {@link Html#esc}.
 * Problem sections are in {@link HtmlProblems}.
 */
public final class HtmlReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  static final int MAX_CELL_TITLES = 4;

  private final ReportModel m;
  private final Path page;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private HtmlReport(ReportModel m, Path page) {
    this.m = m;
    this.page = page;
  }

  /** Writes the page to {@code file}; links to run directories are relative to it. */
  public static void write(ReportModel m, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(m, file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The page as it would be written to {@code file}. */
  public static String render(ReportModel m, Path file) {
    return new HtmlReport(m, file).page();
  }

  private String page() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // No script, no network: the page must work offline and inside CI artifact viewers.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<title>lifelab report – ").append(m.runs()).append(" runs</title>\n<style>\n")
        .append(css()).append("</style>\n</head>\n<body>\n");
    header();
    changes();
    matrices();
    new HtmlProblems(out, page).sections(m);
    runs();
    out.append("<footer>lifelab report · ").append(Html.esc(time(m.generatedAt())))
        .append("</footer>\n</body>\n</html>\n");
    return out.toString();
  }

  private void header() {
    out.append("<header>\n<h1>lifelab report</h1>\n<p class=\"meta\">");
    out.append(m.runs()).append(" runs");
    if (m.since() != null) {
      out.append(" since ").append(Html.esc(time(m.since())));
    }
    if (m.store() != null) {
      out.append(" · store <span class=\"mono\">").append(Html.esc(m.store())).append("</span>");
    }
    out.append(" · generated ").append(Html.esc(time(m.generatedAt()))).append("</p>\n");
    out.append("<ul class=\"summary\">\n");
    badge(m.targets().size(), "target", "");
    badge(m.regressions().size(), "regression", m.regressions().isEmpty() ? "" : "bad");
    badge(m.fixes().size(), "fix", m.fixes().isEmpty() ? "" : "good");
    badge(m.newProblems().size(), "new problem", m.newProblems().isEmpty() ? "" : "bad");
    badge(m.knownProblems().size(), "known problem", "");
    badge(m.incomplete().size(), "incomplete run", "");
    out.append("</ul>\n<nav><a href=\"#changes\">Regressions &amp; fixes</a>")
        .append("<a href=\"#matrix\">Matrix</a><a href=\"#new\">New problems</a>")
        .append("<a href=\"#known\">Known problems</a><a href=\"#runs\">Runs</a></nav>\n")
        .append("</header>\n");
  }

  private void badge(int n, String label, String cls) {
    String plural = n == 1 ? label : label.endsWith("x") ? label + "es" : label + "s";
    out.append("<li").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append("><b>")
        .append(n).append("</b>").append(plural).append("</li>\n");
  }

  private void changes() {
    out.append("<section id=\"changes\">\n<h2>Regressions &amp; fixes</h2>\n");
    if (m.changes().isEmpty()) {
      out.append("<p class=\"empty\">No plan changed between pass and fail/hang.</p>\n");
    } else {
      out.append("<ul class=\"changes\">\n");
      for (Change c : m.changes()) {
        boolean reg = c.kind() == ChangeKind.REGRESSION;
        out.append("<li class=\"").append(reg ? "regression" : "fix").append("\"><b>")
            .append(reg ? "Regression" : "Fix").append("</b> · <b>").append(Html.esc(c.target()))
            .append("</b> · ").append(Html.esc(c.plan())).append("<br>");
        if (c.between().equals("kernel")) {
          out.append("<span class=\"mono\">").append(Html.esc(c.fromKernel())).append("</span> ");
          verdict(c.fromVerdict(), c.fromRunId());
          out.append("<span class=\"arrow\">→</span><span class=\"mono\">")
              .append(Html.esc(c.toKernel())).append("</span> ");
          verdict(c.toVerdict(), c.toRunId());
        } else {
          out.append("on <span class=\"mono\">").append(Html.esc(c.toKernel()))
              .append("</span>: previous run ");
          verdict(c.fromVerdict(), c.fromRunId());
          out.append("<span class=\"arrow\">→</span>latest run ");
          verdict(c.toVerdict(), c.toRunId());
        }
        if (!c.titles().isEmpty()) {
          out.append("<ul class=\"cell-titles\">");
          for (String t : c.titles()) {
            out.append("<li class=\"mono\">").append(Html.esc(t)).append("</li>");
          }
          out.append("</ul>");
        }
        out.append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  /** A verdict label linking to the run's entry in the run list. */
  private void verdict(Verdict v, String runId) {
    String label = v == null ? "incomplete" : v.label();
    out.append("<a class=\"v v-").append(label).append("\" href=\"#")
        .append(Html.id("run-", runId)).append("\">").append(label).append("</a>");
  }

  private void matrices() {
    out.append("<section id=\"matrix\">\n<h2>Matrix: plans × kernel versions</h2>\n");
    if (m.targets().isEmpty()) {
      out.append("<p class=\"empty\">No runs in this time window.</p>\n");
    }
    for (TargetMatrix t : m.targets()) {
      out.append("<h3>").append(Html.esc(t.target())).append("</h3>\n<div class=\"scroll\">")
          .append("<table class=\"matrix\">\n<thead><tr><th class=\"plan\">plan</th>");
      for (String k : t.kernels()) {
        out.append("<th class=\"mono\">").append(Html.esc(k)).append("</th>");
      }
      out.append("</tr></thead>\n<tbody>\n");
      for (int p = 0; p < t.plans().size(); p++) {
        out.append("<tr><th class=\"plan\">").append(Html.esc(t.plans().get(p))).append("</th>");
        for (Cell c : t.rows().get(p)) {
          cell(c);
        }
        out.append("</tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    out.append("</section>\n");
  }

  private void cell(Cell c) {
    if (c == null) {
      out.append("<td class=\"c-none\">–</td>");
      return;
    }
    String label = c.verdict() == null ? "incomplete" : c.verdict().label();
    out.append("<td class=\"cell c-").append(label).append("\">");
    verdict(c.verdict(), c.runId());
    List<String> titles = c.titles();
    if (!titles.isEmpty()) {
      out.append("<ul class=\"cell-titles\">");
      for (int i = 0; i < Math.min(titles.size(), MAX_CELL_TITLES); i++) {
        String t = titles.get(i);
        out.append("<li class=\"mono\">").append(Html.esc(t));
        if (c.newTitles().contains(t)) {
          out.append(" <span class=\"tag tag-new\">new</span>");
        }
        out.append("</li>");
      }
      if (titles.size() > MAX_CELL_TITLES) {
        out.append("<li>+").append(titles.size() - MAX_CELL_TITLES).append(" more</li>");
      }
      out.append("</ul>");
    }
    if (c.latest() != null && c.latest().verdict() == Verdict.INFRA_ERROR
        && c.latest().infraError() != null) {
      out.append("<div class=\"cell-note\">").append(Html.esc(c.latest().infraError()))
          .append("</div>");
    }
    if (c.runs() > 1) {
      out.append("<div class=\"cell-note\">").append(c.runs()).append(" runs")
          .append(c.flaky() ? ", <b>flaky</b>: " + history(c) : "").append("</div>");
    }
    out.append("</td>");
  }

  private static String history(Cell c) {
    StringBuilder sb = new StringBuilder();
    for (Verdict v : c.history()) {
      sb.append(sb.length() == 0 ? "" : " ").append(v.label());
    }
    return Html.esc(sb.toString());
  }

  private void runs() {
    out.append("<section id=\"runs\">\n<h2>Runs</h2>\n");
    List<RunResult> all = HtmlProblems.runsNewestFirst(m);
    if (all.isEmpty()) {
      out.append("<p class=\"empty\">None.</p>\n</section>\n");
      return;
    }
    out.append("<div class=\"scroll\"><table class=\"runs\">\n<thead><tr><th>started</th>")
        .append("<th>verdict</th><th>target</th><th>plan</th><th>kernel</th><th>took</th>")
        .append("<th>summary</th><th>run directory</th></tr></thead>\n<tbody>\n");
    for (RunResult r : all) {
      String label = !r.complete() ? "incomplete" : r.verdict() == null ? "unknown"
          : r.verdict().label();
      out.append("<tr id=\"").append(Html.id("run-", r.runId())).append("\"><td>")
          .append(Html.esc(time(r.startedAt()))).append("</td><td><span class=\"v v-")
          .append(label).append("\">").append(label).append("</span></td><td>")
          .append(Html.esc(ReportModel.targetOf(r))).append(serial(r)).append("</td><td>")
          .append(Html.esc(ReportModel.planOf(r))).append("</td><td class=\"mono\">")
          .append(Html.esc(ReportModel.kernelOf(r))).append("</td><td>")
          .append(Html.esc(took(r))).append("</td><td class=\"summary-text\">")
          .append(Html.esc(r.infraError() != null ? r.infraError() : r.summary()))
          .append("</td><td class=\"mono\">").append(HtmlProblems.dirLink(page, r))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }

  private static String serial(RunResult r) {
    if (r.target() == null || r.target().serial() == null) {
      return "";
    }
    return " <span class=\"meta\">(" + Html.esc(r.target().serial()) + ")</span>";
  }

  private static String took(RunResult r) {
    if (r.startedAt() == null || r.endedAt() == null) {
      return "";
    }
    long s = r.endedAt().getEpochSecond() - r.startedAt().getEpochSecond();
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }

  static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  private static String css() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
