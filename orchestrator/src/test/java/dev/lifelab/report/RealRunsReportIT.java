package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Project;
import dev.lifelab.it.Lab;
import dev.lifelab.kernellog.BlockedTaskStack;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import dev.lifelab.plan.PlanFile;
import dev.lifelab.plan.PlanRunner;
import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.TargetMatrix;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.ResultStore;
import dev.lifelab.store.StoreQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real plan runs on two Debian kernel versions, recorded into SQLite, then reported. */
class RealRunsReportIT {
  @TempDir Path dir;

  @Test
  void theMatrixShowsEachKernelsVerdictAndTheHangIsNoRegression() throws Exception {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    PlanFile plan = PlanFile.load(Project.home().resolve("testplans/i2c-unbind-while-open.yaml"));
    try (ResultStore store = ResultStore.open(dir.resolve("results.db").toString())) {
      for (String kernel : List.of("debian:6.1", "debian:6.12")) {
        PlanRunner runner = new PlanRunner(Lab.target("qemu-x86_64-q35"), kernel, null, Path.of("target/it-runs"),
            analyzer::analyze, s -> BlockedTaskStack.guiltyFrame(analyzer, s)).onStart(store::recordStarted);
        store.recordFinished(runner.run(plan));
      }
      List<RunResult> runs = store.query(StoreQuery.all());
      assertThat(runs).hasSize(2).allMatch(RunResult::complete);
      ReportModel model = ReportModel.build(runs,
          KnownIssues.load(Project.home().resolve("known-issues.yaml")), store.displayName(), null, Instant.now());

      TargetMatrix q35 = model.targets().stream().filter(t -> t.target().equals("qemu-x86_64-q35"))
          .findFirst().orElseThrow();
      assertThat(q35.plans()).containsExactly("i2c-unbind-while-open");
      assertThat(q35.kernels()).hasSize(2);
      assertThat(q35.kernels().get(0)).startsWith("6.1.0-");
      assertThat(q35.kernels().get(1)).startsWith("6.12.");
      for (String kernel : q35.kernels()) {
        Cell c = q35.cell("i2c-unbind-while-open", kernel);
        assertThat(c.verdict()).as(kernel).isEqualTo(Verdict.HANG);
        assertThat(c.titles()).as(kernel).anyMatch(t -> t.contains("i2c_del_adapter"));
      }
      assertThat(model.regressions()).isEmpty();
      assertThat(model.fixes()).isEmpty();
      // The I2C core's blocking unbind is in known-issues.yaml: known, not new.
      assertThat(model.newProblems()).isEmpty();
      assertThat(model.knownProblems()).isNotEmpty();

      Path html = dir.resolve("report.html");
      HtmlReport.write(model, html);
      assertThat(Files.readString(html)).contains("i2c-unbind-while-open").contains("INFO: task hung in i2c_del_adapter");
      assertThat(TextReport.matrix(model)).contains("HANG");
    }
  }
}
