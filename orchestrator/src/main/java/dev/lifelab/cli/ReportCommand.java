package dev.lifelab.cli;

import dev.lifelab.common.Json;
import dev.lifelab.report.HtmlReport;
import dev.lifelab.report.JunitReport;
import dev.lifelab.report.KcidbExport;
import dev.lifelab.report.KnownIssues;
import dev.lifelab.report.MarkdownReport;
import dev.lifelab.report.ReportModel;
import dev.lifelab.report.Since;
import dev.lifelab.report.TextReport;
import dev.lifelab.result.RunResult;
import dev.lifelab.store.ResultStore;
import dev.lifelab.store.StoreQuery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lifelab report}: matrices, regressions and findings from the results store. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
      "Report on stored runs: a matrix of plans × kernel versions per target, regressions and"
          + " fixes, new and known problems. Prints a text matrix; writes the files asked for.",
      "",
      "Exit code: 0, or 1 with --exit-code when there are regressions or new problems,"
          + " 2 on errors."
    })
public final class ReportCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ReportCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "URL",
      description = "jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB?user=..., or a SQLite file."
          + " Default: $LIFELAB_STORE, else $${XDG_DATA_HOME:-~/.local/share}/lifelab/results.db.")
  String store;

  @Option(names = "--since", paramLabel = "DURATION|DATE",
      description = "Only runs started since then: 36h, 7d, 2w, P7D, 2026-03-01,"
          + " 2026-03-01T02:00 (local time), 2026-03-01T02:00:00Z. Default: all runs.")
  String since;

  @Option(names = "--target", paramLabel = "NAME", description = "Only runs on this target.")
  String target;

  @Option(names = "--known-issues", paramLabel = "FILE",
      description = "Known-issues YAML. Default: ./known-issues.yaml, else the one next to the"
          + " lifelab launcher, if present.")
  Path knownIssues;

  @Option(names = "--import", paramLabel = "RUN_DIR",
      description = "Record these run directories' results.json in the store first (repeatable).")
  List<Path> imports = List.of();

  @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report.")
  Path html;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown report.")
  Path markdown;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  Path json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML for CI.")
  Path junit;

  @Option(names = "--kcidb", paramLabel = "FILE",
      description = "Write the runs as KCIDB I/O JSON (schema v4).")
  Path kcidb;

  @Option(names = "--exit-code",
      description = "Exit with 1 when there are regressions or new problems.")
  boolean exitCode;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    Instant from = since == null ? null : Since.parse(since, now, ZoneId.systemDefault());
    KnownIssues known = knownIssues();
    List<RunResult> runs;
    String storeName;
    try (ResultStore rs = ResultStore.open(store)) {
      storeName = rs.displayName();
      for (Path dir : imports) {
        RunResult r = rs.importRunDir(dir);
        log.info("recorded {} from {}", r.runId(), dir);
      }
      StoreQuery q = StoreQuery.all().withSince(from).withTarget(target);
      runs = rs.query(q);
    }
    ReportModel model = ReportModel.build(runs, known, storeName, from, now);
    PrintWriter out = spec.commandLine().getOut();
    out.print(TextReport.render(model));
    out.flush();
    if (html != null) {
      HtmlReport.write(model, html);
      log.info("wrote {}", html);
    }
    if (markdown != null) {
      MarkdownReport.write(model, markdown);
      log.info("wrote {}", markdown);
    }
    if (json != null) {
      Json.write(json, model);
      log.info("wrote {}", json);
    }
    if (junit != null) {
      JunitReport.write(model, junit);
      log.info("wrote {}", junit);
    }
    if (kcidb != null) {
      KcidbExport.write(runs, kcidb);
      log.info("wrote {}", kcidb);
    }
    boolean bad = !model.regressions().isEmpty() || !model.newProblems().isEmpty();
    return exitCode && bad ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private KnownIssues knownIssues() {
    if (knownIssues != null) {
      return KnownIssues.load(knownIssues);
    }
    Path here = Path.of("known-issues.yaml");
    if (Files.isRegularFile(here)) {
      return KnownIssues.load(here);
    }
    String home = System.getenv("LIFELAB_HOME");
    if (home != null && Files.isRegularFile(Path.of(home, "known-issues.yaml"))) {
      return KnownIssues.load(Path.of(home, "known-issues.yaml"));
    }
    return KnownIssues.none();
  }
}
