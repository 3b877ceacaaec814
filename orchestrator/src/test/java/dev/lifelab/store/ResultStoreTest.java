package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.KernelInfo;
import dev.lifelab.result.PlanInfo;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepTiming;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  @TempDir Path tmp;

  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00.123456789Z");

  private ResultStore open() {
    return ResultStore.open(tmp.resolve("results.db").toString());
  }

  /** A result with every field set, including the nullable ones. */
  static RunResult everything(String runId) {
    Finding uaf = new Finding("kasan", "KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90",
        "console.log", 812, 870, List.of("mtd_proc_show", "seq_read_iter", "proc_reg_read_iter"),
        "6.1.0-47-arm64", "G    B", true, "BUG: KASAN: use-after-free in mtd_proc_show\n<tail>");
    HangRecord hang = new HangRecord(3, "echo physmap-flash.0 > unbind", Duration.ofMillis(30_500),
        T0.plusSeconds(40), T0.plusSeconds(41), T0.plusSeconds(53), 0, 311, "D",
        "i2c_del_adapter", List.of("__schedule", "wait_for_completion", "i2c_del_adapter"),
        "i2c_del_adapter", "sysrq: Show Blocked State\ntask:sh state:D");
    return new RunResult(1, runId, T0, T0.plusSeconds(95), "lab-host-1",
        new TargetInfo("rcar-h3-salvator", "board", "r8a77951-salvator-xs", "SN-00042"),
        new KernelInfo("debian:6.1", "6.1.0-47-arm64", "#1 SMP Debian 6.1.192-1 (2026-10-01)",
            "arm64", "a1b2c3d4e5f6", "linux-image-6.1.0-47-arm64-unsigned 6.1.192-1"),
        new PlanInfo("mtd-unbind-while-open", "testplans/mtd.yaml", "0123456789ab", Verdict.FAIL,
            "mtd_proc_show"),
        Verdict.FAIL, true, "KASAN use-after-free in mtd_proc_show", List.of(uaf), List.of(hang),
        null,
        List.of(new StepTiming(0, "open", "ok", T0.plusSeconds(30), T0.plusSeconds(31), 1000, 0),
            new StepTiming(1, "unbind", "hang", T0.plusSeconds(31), null, 30500, null)),
        true, "/var/tmp/lifelab/runs/" + runId);
  }

  @Test
  void finishedRunReadsBackExactlyAsRecorded() {
    RunResult r = everything("run-1");
    try (ResultStore store = open()) {
      store.recordStarted(TestRuns.started(r));
      store.recordFinished(r);
      assertThat(store.query(StoreQuery.all())).containsExactly(r);
      assertThat(store.get("run-1")).contains(r);
      assertThat(store.get("nope")).isEmpty();
    }
  }

  @Test
  void startedRunIsIncompleteForEveryReaderUntilFinished() {
    RunResult r = TestRuns.fail("run-2", "qemu-arm64-virt", "i2c-unbind", "6.1.0-47-arm64", T0,
        "WARNING in i2c_del_adapter");
    try (ResultStore runner = open(); ResultStore reader = open()) {
      runner.recordStarted(TestRuns.started(r));
      RunResult seen = reader.query(StoreQuery.all()).get(0);
      assertThat(seen.complete()).isFalse();
      assertThat(seen.verdict()).isNull();
      assertThat(reader.query(StoreQuery.all().withCompleteOnly())).isEmpty();

      runner.recordFinished(r);
      assertThat(reader.query(StoreQuery.all().withCompleteOnly())).containsExactly(r);
    }
  }

  @Test
  void startingAgainDoesNotUndoAFinishedRun() {
    RunResult r = TestRuns.pass("run-3", "qemu-arm64-virt", "i2c-unbind", "6.1.0-47-arm64", T0);
    try (ResultStore store = open()) {
      store.recordFinished(r);
      store.recordStarted(TestRuns.started(r));
      assertThat(store.get("run-3")).contains(r);
    }
  }

  @Test
  void interruptedRunRecordedAsFinishedStaysIncomplete() {
    RunResult r = TestRuns.pass("run-4", "qemu-arm64-virt", "i2c-unbind", "6.1.0-47-arm64", T0);
    RunResult interrupted = new RunResult(r.schema(), r.runId(), r.startedAt(), r.endedAt(),
        r.host(), r.target(), r.kernel(), r.plan(), null, null, "interrupted at step 1",
        List.of(), List.of(), null, r.steps(), false, r.runDir());
    try (ResultStore store = open()) {
      store.recordFinished(interrupted);
      assertThat(store.get("run-4").orElseThrow().complete()).isFalse();
    }
  }

  @Test
  void failedWriteLeavesThePreviousStateWhole() {
    RunResult r = TestRuns.fail("run-5", "qemu-arm64-virt", "mtd-unbind", "6.1.0-47-arm64", T0,
        "KASAN: use-after-free Read in mtd_proc_show");
    // A null element makes the write fail after the run row and some child rows were written.
    List<Finding> broken = new ArrayList<>(Arrays.asList(r.findings().get(0), null));
    RunResult bad = new RunResult(r.schema(), r.runId(), r.startedAt(), r.endedAt(), r.host(),
        r.target(), r.kernel(), r.plan(), Verdict.FAIL, null, "half", broken, List.of(), null,
        r.steps(), true, r.runDir());
    try (ResultStore store = open()) {
      store.recordStarted(TestRuns.started(r));
      assertThatThrownBy(() -> store.recordFinished(bad)).isInstanceOf(NullPointerException.class);
      RunResult seen = store.get("run-5").orElseThrow();
      assertThat(seen).isEqualTo(TestRuns.started(r));
      // The store still works after the failed transaction.
      store.recordFinished(r);
      assertThat(store.get("run-5")).contains(r);
    }
  }

  @Test
  void updateFindingsReplacesOnlyTheFindings() {
    RunResult r = TestRuns.pass("run-6", "qemu-arm64-virt", "mtd-unbind", "6.1.0-47-arm64", T0);
    Finding warn = TestRuns.finding("warning", "WARNING in mtd_device_release", 50, 80);
    try (ResultStore store = open()) {
      store.recordFinished(r);
      store.updateFindings("run-6", List.of(warn));
      RunResult seen = store.get("run-6").orElseThrow();
      assertThat(seen.findings()).containsExactly(warn);
      assertThat(seen.verdict()).isEqualTo(Verdict.PASS);
      assertThat(seen.steps()).isEqualTo(r.steps());

      store.updateFindings("run-6", List.of(warn), Verdict.FAIL);
      assertThat(store.get("run-6").orElseThrow().verdict()).isEqualTo(Verdict.FAIL);

      assertThatThrownBy(() -> store.updateFindings("run-x", List.of(warn)))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("no run run-x");
    }
  }

  @Test
  void queryFiltersByTimeTargetPlanAndLimit() {
    try (ResultStore store = open()) {
      for (int i = 0; i < 6; i++) {
        String target = i % 2 == 0 ? "qemu-arm64-virt" : "qemu-x86-q35";
        String plan = i < 3 ? "i2c-unbind" : "mtd-unbind";
        store.recordFinished(TestRuns.pass("r" + i, target, plan, "6.1.0-47-arm64",
            T0.plus(Duration.ofDays(i))));
      }
      store.recordStarted(TestRuns.started(
          TestRuns.pass("r6", "qemu-arm64-virt", "i2c-unbind", "6.1.0-47-arm64",
              T0.plus(Duration.ofDays(6)))));

      assertThat(ids(store.query(StoreQuery.all()))).containsExactly(
          "r0", "r1", "r2", "r3", "r4", "r5", "r6");
      assertThat(ids(store.query(StoreQuery.all().withSince(T0.plus(Duration.ofDays(4))))))
          .containsExactly("r4", "r5", "r6");
      assertThat(ids(store.query(StoreQuery.all().withUntil(T0.plus(Duration.ofDays(2))))))
          .containsExactly("r0", "r1");
      assertThat(ids(store.query(StoreQuery.all().withTarget("qemu-x86-q35"))))
          .containsExactly("r1", "r3", "r5");
      assertThat(ids(store.query(StoreQuery.all().withPlan("mtd-unbind").withTarget(
          "qemu-arm64-virt")))).containsExactly("r4");
      assertThat(ids(store.query(StoreQuery.all().withCompleteOnly().withLimit(2))))
          .containsExactly("r4", "r5");
      assertThat(store.query(StoreQuery.all().withKernelRelease("6.12.107"))).isEmpty();
    }
  }

  @Test
  void importRunDirRecordsResultsJsonWithTheDirectoryWhereItIsNow() throws Exception {
    RunResult r = everything("run-7");
    Path dir = Files.createDirectories(tmp.resolve("moved/run-7"));
    Json.write(dir.resolve("results.json"), r);
    try (ResultStore store = open()) {
      RunResult imported = store.importRunDir(dir);
      assertThat(imported.runDir()).isEqualTo(dir.toAbsolutePath().toString());
      RunResult seen = store.get("run-7").orElseThrow();
      assertThat(seen).isEqualTo(TestRuns.withRunDir(r, dir.toAbsolutePath().toString()));
      assertThatThrownBy(() -> store.importRunDir(tmp.resolve("missing")))
          .isInstanceOf(UserError.class).hasMessageContaining("no results.json");
    }
  }

  @Test
  void recordsSurviveReopening() {
    RunResult r = everything("run-8");
    try (ResultStore store = open()) {
      store.recordFinished(r);
    }
    try (ResultStore store = open()) {
      assertThat(store.query(StoreQuery.all())).containsExactly(r);
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void defaultLocationFollowsXdgDataHomeAndTheEnvironment() {
    assertThat(StoreLocation.resolve(null, Map.of("XDG_DATA_HOME", "/srv/data")).file())
        .isEqualTo(Path.of("/srv/data/lifelab/results.db"));
    assertThat(StoreLocation.resolve("", Map.of("XDG_DATA_HOME", "relative")).file())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/lifelab/results.db"));
    assertThat(StoreLocation.resolve(null, Map.of(StoreLocation.ENV, "/x/y.db")).url())
        .isEqualTo("jdbc:sqlite:/x/y.db");
    StoreLocation pg = StoreLocation.resolve(
        "jdbc:postgresql://db.lab/lifelab?user=ci&password=s3cret", Map.of());
    assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRES);
    assertThat(pg.display()).doesNotContain("s3cret").contains("password=***");
    assertThatThrownBy(() -> StoreLocation.resolve("jdbc:mysql://x/y", Map.of()))
        .isInstanceOf(UserError.class).hasMessageContaining("unsupported");
  }

  @Test
  void sqliteStoreCreatesItsDirectoryAndUsesWal() throws Exception {
    Path db = tmp.resolve("deep/er/results.db");
    try (ResultStore store = ResultStore.open("jdbc:sqlite:" + db)) {
      store.recordFinished(TestRuns.pass("w", "t", "p", "6.1.0-47-arm64", T0));
    }
    assertThat(db).exists();
    // The WAL journal mode is stored in the database header: bytes 18 and 19 are 2 in WAL mode.
    byte[] header = Arrays.copyOf(Files.readAllBytes(db), 20);
    assertThat(header[18]).isEqualTo((byte) 2);
    assertThat(header[19]).isEqualTo((byte) 2);
  }

  private static List<String> ids(List<RunResult> runs) {
    return runs.stream().map(RunResult::runId).toList();
  }
}
