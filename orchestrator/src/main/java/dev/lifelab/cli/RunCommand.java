package dev.lifelab.cli;

import dev.lifelab.common.Project;
import dev.lifelab.kernellog.BlockedTaskStack;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import dev.lifelab.plan.PlanFile;
import dev.lifelab.plan.PlanRunner;
import dev.lifelab.report.JunitReport;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.ResultStore;
import dev.lifelab.target.TargetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lifelab run}: runs plans on a target with a kernel, one fresh boot per plan. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run test plans on a target, one fresh boot per plan, and judge them.",
        "Exit code: 0 all pass or as expected, 1 kernel findings or hangs, 2 infra errors."})
public final class RunCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(names = "--plan", required = true, arity = "1..*", description = "Plan names in testplans/ or YAML files.")
  List<String> plans;

  @Option(names = "--junit", description = "Also write one JUnit XML file for all plans here.")
  Path junit;

  @Option(names = "--store", paramLabel = "URL",
      description = "Results store: jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB?user=..., or a SQLite file."
          + " Default: $LIFELAB_STORE, else $${XDG_DATA_HOME:-~/.local/share}/lifelab/results.db.")
  String store;

  @Option(names = "--no-store", description = "Do not record into the results store.")
  boolean noStore;

  @Override
  public Integer call() {
    TargetSpec spec = where.spec();
    // Every plan is checked before anything boots.
    List<PlanFile> planFiles = new ArrayList<>();
    for (String p : plans) {
      planFiles.add(PlanFile.load(Project.named("testplans", p, ".yaml")));
    }
    try (ResultStore results = noStore ? null : ResultStore.open(store)) {
      return run(spec, planFiles, results);
    }
  }

  private int run(TargetSpec spec, List<PlanFile> planFiles, ResultStore store) {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    PlanRunner runner = new PlanRunner(spec, where.kernel, where.modules, where.outBase(),
        analyzer::analyze, stack -> BlockedTaskStack.guiltyFrame(analyzer, stack));
    if (store != null) {
      runner.onStart(store::recordStarted);
    }
    List<RunResult> results = new ArrayList<>();
    for (PlanFile pf : planFiles) {
      RunResult r = runner.run(pf);
      JunitReport.writeRuns(List.of(r), Path.of(r.runDir()).resolve(RunDirectory.JUNIT));
      if (store != null) {
        store.recordFinished(r);
      }
      results.add(r);
      System.out.print(describe(r));
    }
    if (junit != null) {
      JunitReport.writeRuns(results, junit);
    }
    return exitCode(results);
  }

  /** Three lines for people: verdict and expectation, summary, run directory. */
  static String describe(RunResult r) {
    String expectation = r.asExpected() == null ? "" : r.asExpected() ? " (as expected)" : " (CHANGED from expected "
        + r.plan().expectedVerdict() + ")";
    return r.plan().name() + " on " + r.target().name() + " / "
        + (r.kernel().release() == null ? r.kernel().spec() : r.kernel().release()) + ": "
        + r.verdict().label().toUpperCase() + expectation + "\n  " + r.summary() + "\n  " + r.runDir() + "\n";
  }

  static int exitCode(List<RunResult> results) {
    if (results.stream().anyMatch(r -> r.verdict() == Verdict.INFRA_ERROR)) {
      return ExitCodes.INFRA;
    }
    if (results.stream().anyMatch(r -> r.verdict().isKernelProblem() && !Boolean.TRUE.equals(r.asExpected()))) {
      return ExitCodes.FINDINGS;
    }
    return ExitCodes.OK;
  }
}
