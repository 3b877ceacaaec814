package dev.lifelab.report;

import static dev.lifelab.report.ReportFixtures.NEW;
import static dev.lifelab.report.ReportFixtures.OLD;
import static dev.lifelab.report.ReportFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.Change;
import dev.lifelab.report.ReportModel.ProblemGroup;
import dev.lifelab.report.ReportModel.TargetMatrix;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.ResultStore;
import dev.lifelab.store.StoreQuery;
import dev.lifelab.store.TestRuns;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's conclusions from runs recorded in, and read back from, a SQLite store. */
class ReportModelTest {
  static final Path REPO_KNOWN_ISSUES = Path.of("..", "known-issues.yaml");

  @TempDir Path tmp;
  private ReportModel model;

  @BeforeEach
  void recordAndBuild() throws Exception {
    List<RunResult> runs;
    try (ResultStore store = ResultStore.open(tmp.resolve("results.db").toString())) {
      for (RunResult r : ReportFixtures.runs(null)) {
        if (r.complete()) {
          store.recordFinished(r);
        } else {
          store.recordStarted(r);
        }
      }
      runs = store.query(StoreQuery.all());
    }
    model = ReportModel.build(runs, KnownIssues.load(REPO_KNOWN_ISSUES), "test", null,
        Instant.parse("2026-03-03T07:00:00Z"));
  }

  @Test
  void matrixHasPlansByKernelVersionsWithTheLatestVerdict() {
    assertThat(model.targets()).extracting(TargetMatrix::target).containsExactly(TARGET);
    TargetMatrix t = model.targets().get(0);
    assertThat(t.kernels()).containsExactly(OLD, NEW);
    assertThat(t.plans()).containsExactly(
        "gpio-unbind", "i2c-unbind", "mtd-unbind", "rtc-unbind", "spi-unbind");

    Cell i2cNew = t.cell("i2c-unbind", NEW);
    assertThat(i2cNew.verdict()).isEqualTo(Verdict.HANG);
    assertThat(i2cNew.titles()).containsExactly("hang in i2c_del_adapter");
    assertThat(i2cNew.hangIn()).isEqualTo("i2c_del_adapter");
    assertThat(i2cNew.newTitles()).as("explained by known-issues.yaml").isEmpty();

    Cell gpio = t.cell("gpio-unbind", NEW);
    assertThat(gpio.verdict()).as("latest of two nights").isEqualTo(Verdict.FAIL);
    assertThat(gpio.runs()).isEqualTo(2);
    assertThat(gpio.history()).containsExactly(Verdict.PASS, Verdict.FAIL);
    assertThat(gpio.flaky()).isTrue();
    assertThat(gpio.newTitles()).containsExactly(ReportFixtures.WARN_TITLE);

    assertThat(t.cell("gpio-unbind", OLD)).as("never ran").isNull();
    assertThat(t.cell("spi-unbind", NEW).verdict()).isEqualTo(Verdict.INFRA_ERROR);
    assertThat(t.cell("rtc-unbind", NEW).verdict()).as("only an incomplete run").isNull();
    assertThat(model.incomplete()).extracting(RunResult::runId).containsExactly("n2-rtc-50");
  }

  @Test
  void regressionsAndFixesAcrossKernelsAndNights() {
    assertThat(model.regressions())
        .extracting(Change::plan, Change::between, Change::fromKernel, Change::toKernel,
            Change::fromVerdict, Change::toVerdict)
        .containsExactly(
            tuple("gpio-unbind", "rerun", NEW, NEW, Verdict.PASS, Verdict.FAIL),
            tuple("i2c-unbind", "kernel", OLD, NEW, Verdict.PASS, Verdict.HANG));
    assertThat(model.regressions().get(1).titles()).containsExactly("hang in i2c_del_adapter");
    assertThat(model.fixes())
        .extracting(Change::plan, Change::between, Change::fromVerdict, Change::toVerdict)
        .containsExactly(tuple("mtd-unbind", "kernel", Verdict.FAIL, Verdict.PASS));
    assertThat(model.fixes().get(0).titles()).containsExactly(ReportFixtures.UAF_TITLE);
  }

  @Test
  void infraErrorsAreNeitherRegressionsNorFixes() {
    assertThat(model.changes()).extracting(Change::plan).doesNotContain("spi-unbind");
  }

  @Test
  void findingsMatchingKnownIssuesAreKnownTheRestNew() {
    assertThat(model.newProblems()).extracting(ProblemGroup::title)
        .containsExactly(ReportFixtures.WARN_TITLE);
    assertThat(model.knownProblems())
        .extracting(ProblemGroup::title, g -> g.known().id())
        .containsExactlyInAnyOrder(
            tuple("hang in i2c_del_adapter", "i2c-del-adapter-waits-for-open-dev"),
            tuple(ReportFixtures.UAF_TITLE, "mtd-proc-show-uaf-after-physmap-unbind"));
  }

  @Test
  void sameBugOnDifferentKernelsIsOneProblemWithTwoOccurrences() {
    List<RunResult> runs = new ArrayList<>(model.all());
    runs.add(TestRuns.run("n2-mtd-50", TARGET, "mtd-unbind", NEW, Verdict.FAIL,
        ReportFixtures.NIGHT2, List.of(TestRuns.finding("kasan",
            "KASAN: use-after-free Read in mtd_proc_show+0x30/0x98", 10, 20)), List.of()));
    ReportModel m = ReportModel.build(runs, KnownIssues.none(), null, null, Instant.now());
    ProblemGroup uaf = m.problems().stream()
        .filter(g -> g.signature().equals("KASAN: use-after-free Read in mtd_proc_show"))
        .findFirst().orElseThrow();
    assertThat(uaf.isNew()).isTrue();
    assertThat(uaf.occurrences()).extracting(ReportModel.Occurrence::kernel)
        .containsExactly(NEW, OLD); // newest first
    // With the fix undone on the newer kernel, the mtd plan regresses instead of being fixed.
    assertThat(m.fixes()).isEmpty();
    assertThat(m.regressions()).extracting(Change::plan, Change::between)
        .contains(tuple("mtd-unbind", "rerun"));
  }

  @Test
  void kernelColumnsFollowNaturalVersionOrder() {
    List<RunResult> runs = new ArrayList<>();
    Instant t = ReportFixtures.NIGHT1;
    for (String k : List.of("6.12.107", "6.1.0-50", "6.1.0-47", "6.1.0-9")) {
      runs.add(TestRuns.pass("r-" + k, TARGET, "p", k, t));
      t = t.plusSeconds(60);
    }
    ReportModel m = ReportModel.build(runs, KnownIssues.none(), null, null, Instant.now());
    assertThat(m.targets().get(0).kernels())
        .containsExactly("6.1.0-9", "6.1.0-47", "6.1.0-50", "6.12.107");
    assertThat(m.changes()).isEmpty();
  }
}
