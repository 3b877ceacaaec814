package dev.lifelab.report;

import dev.lifelab.report.ReportModel.Occurrence;
import dev.lifelab.report.ReportModel.ProblemGroup;
import dev.lifelab.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The "new problems" and "known problems" sections of the HTML report. */
final class HtmlProblems {
  static final int MAX_OCCURRENCES = 12;

  private final StringBuilder out;
  private final Path page;

  HtmlProblems(StringBuilder out, Path page) {
    this.out = out;
    this.page = page;
  }

  void sections(ReportModel m) {
    out.append("<section id=\"new\">\n<h2>New problems</h2>\n");
    List<ProblemGroup> fresh = m.newProblems();
    if (fresh.isEmpty()) {
      out.append("<p class=\"empty\">No problem without a known issue.</p>\n");
    }
    int n = 0;
    for (ProblemGroup g : fresh) {
      group(g, n++);
    }
    out.append("</section>\n<section id=\"known\">\n<h2>Known problems</h2>\n");
    List<ProblemGroup> known = m.knownProblems();
    if (known.isEmpty()) {
      out.append("<p class=\"empty\">None seen.</p>\n");
    }
    for (ProblemGroup g : known) {
      group(g, n++);
    }
    out.append("</section>\n");
  }

  private void group(ProblemGroup g, int index) {
    out.append("<article class=\"problem").append(g.isNew() ? " new" : "").append("\" id=\"p")
        .append(index).append("\">\n<h3><span class=\"tag ")
        .append(g.isNew() ? "tag-new\">new" : "tag-known\">known").append("</span> ")
        .append("<span class=\"tag tag-kind\">").append(Html.esc(g.kind())).append("</span> ")
        .append("<span class=\"mono\">").append(Html.esc(g.title())).append("</span></h3>\n");
    if (g.signature() != null && !g.signature().equals(g.title())) {
      out.append("<div class=\"sig\">signature: <span class=\"mono\">")
          .append(Html.esc(g.signature())).append("</span></div>\n");
    }
    if (g.known() != null) {
      KnownIssue k = g.known();
      out.append("<p>Known issue <b>").append(Html.esc(k.id())).append("</b> (")
          .append(Html.esc(k.status().label())).append("): <a href=\"").append(Html.esc(k.link()))
          .append("\" rel=\"noreferrer\">").append(Html.esc(k.link())).append("</a>");
      if (k.note() != null) {
        out.append("<br><span class=\"meta\">").append(Html.esc(k.note())).append("</span>");
      }
      out.append("</p>\n");
    }
    List<Occurrence> occ = g.occurrences();
    out.append("<div>Seen in ").append(occ.size()).append(occ.size() == 1 ? " run" : " runs")
        .append(" on ").append(Html.esc(String.join(", ", kernels(occ)))).append(":</div>\n")
        .append("<ul class=\"occ\">\n");
    for (int i = 0; i < Math.min(occ.size(), MAX_OCCURRENCES); i++) {
      Occurrence o = occ.get(i);
      out.append("<li><span class=\"mono\">").append(Html.esc(o.kernel())).append("</span> · ")
          .append(Html.esc(o.target())).append(" · ").append(Html.esc(o.plan())).append(" · ")
          .append("<a href=\"#").append(Html.id("run-", o.runId())).append("\">")
          .append(Html.esc(HtmlReport.time(o.startedAt()))).append("</a> · ")
          .append(dirLink(page, o.run())).append("</li>\n");
    }
    if (occ.size() > MAX_OCCURRENCES) {
      out.append("<li>and ").append(occ.size() - MAX_OCCURRENCES).append(" more</li>\n");
    }
    out.append("</ul>\n");
    Occurrence latest = occ.get(0);
    Problem p = latest.problem();
    // New problems open their evidence: that is what a reader of the report came for.
    String open = g.isNew() ? " open" : "";
    if (p.text() != null && !p.text().isBlank()) {
      out.append("<details").append(open).append("><summary>")
          .append("hang".equals(p.kind()) ? "Hang evidence" : "Report")
          .append(" (latest: run <span class=\"mono\">").append(Html.esc(latest.runId()))
          .append("</span>)</summary>\n<pre>").append(Html.esc(p.text())).append("</pre></details>\n");
    }
    excerpt(latest, open);
    out.append("</article>\n");
  }

  private void excerpt(Occurrence o, String open) {
    Problem p = o.problem();
    if (p.startLine() <= 0) {
      return;
    }
    Optional<ConsoleExcerpt> ex = ConsoleExcerpt.of(o.runDir(), p);
    if (ex.isEmpty()) {
      boolean gone = o.runDir() == null || !Files.isDirectory(Path.of(o.runDir()));
      out.append("<p class=\"meta\">No console excerpt: ").append(gone
          ? "the run directory no longer exists." : "the log is not in the run directory.")
          .append("</p>\n");
      return;
    }
    ConsoleExcerpt e = ex.get();
    out.append("<details").append(open).append("><summary>")
        .append(Html.esc(e.file().getFileName().toString())).append(" lines ")
        .append(e.markFrom()).append("–").append(e.markTo())
        .append(e.truncated() ? " (cut)" : "").append("</summary>\n<pre class=\"console\">");
    for (int i = 0; i < e.lines().size(); i++) {
      int n = e.firstLine() + i;
      boolean hit = n >= e.markFrom() && n <= e.markTo();
      out.append(hit ? "<span class=\"hit\">" : "").append("<span class=\"ln\">").append(n)
          .append("</span>").append(Html.esc(e.lines().get(i))).append(hit ? "</span>" : "")
          .append('\n');
    }
    out.append("</pre></details>\n");
  }

  /** Link to a run's directory, or a note that there is none (any more). */
  static String dirLink(Path page, RunResult r) {
    if (r == null || r.runDir() == null) {
      return "<span class=\"meta\">no directory</span>";
    }
    Path dir = Path.of(r.runDir());
    if (!Files.isDirectory(dir)) {
      return "<span class=\"meta\" title=\"" + Html.esc(r.runDir()) + "\">directory gone</span>";
    }
    return "<a href=\"" + Html.fileLink(page, dir, true) + "\">"
        + Html.esc(dir.getFileName() == null ? r.runDir() : dir.getFileName().toString()) + "/</a>";
  }

  private static List<String> kernels(List<Occurrence> occ) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    occ.stream().map(Occurrence::kernel).sorted(VersionOrder.INSTANCE)
        .forEach(k -> seen.put(k, true));
    return new ArrayList<>(seen.keySet());
  }

  static List<RunResult> runsNewestFirst(ReportModel m) {
    List<RunResult> out = new ArrayList<>(m.all());
    out.sort(Comparator.comparing((RunResult r) -> r.startedAt() == null ? Instant.EPOCH
        : r.startedAt()).reversed());
    return out;
  }
}
