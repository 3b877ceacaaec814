package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Project;
import dev.lifelab.it.Lab;
import dev.lifelab.kernellog.BlockedTaskStack;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepRecord;
import dev.lifelab.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped plans on stock Debian 6.1 kernels, judged as a user would read the results. */
class StockKernelPlansIT {
  static final KernelLogAnalyzer ANALYZER = KernelLogAnalyzer.defaultTable();

  static RunResult run(String target, String kernel, String plan) {
    PlanRunner runner = new PlanRunner(Lab.target(target), kernel, null, Path.of("target/it-runs"),
        ANALYZER::analyze, stack -> BlockedTaskStack.guiltyFrame(ANALYZER, stack));
    return runner.run(PlanFile.load(Project.home().resolve("testplans/" + plan + ".yaml")));
  }

  @Test
  void i2cUnbindWhileOpenHangsInI2cDelAdapterUntilTheHolderCloses() {
    RunResult r = run("qemu-x86_64-q35", "debian:6.1", "i2c-unbind-while-open");
    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.HANG);
    assertThat(r.asExpected()).isTrue();
    HangRecord h = r.hangs().get(0);
    assertThat(h.blockedIn()).isEqualTo("i2c_del_adapter");
    assertThat(h.state()).isEqualTo("D");
    assertThat(h.stack()).contains("i2c_del_adapter", "unbind_store");
    // The unbind returned once the holder closed the file, and the evidence came quickly.
    List<StepRecord> steps = RunDirectory.open(Path.of(r.runDir())).readSteps();
    StepRecord close = steps.stream().filter(s -> s.type().equals("close")).findFirst().orElseThrow();
    assertThat(h.returnedAt()).isNotNull().isAfterOrEqualTo(close.start());
    assertThat(h.exitCodeOnReturn()).isZero();
    assertThat(Duration.between(h.timedOutAt(), h.evidenceAt())).isLessThan(Duration.ofSeconds(5));
    assertThat(r.findings()).extracting(f -> f.title()).contains("INFO: task hung in i2c_del_adapter");
    assertThat(steps).filteredOn(s -> s.type().equals("bind")).extracting(StepRecord::status).containsOnly("ok");
    Path dir = Path.of(r.runDir());
    assertThat(dir.resolve("console.log")).content().contains("blocked for more than 5 seconds");
    assertThat(dir.resolve("dmesg.txt")).exists();
    assertThat(dir.resolve("results.json")).content().contains("\"verdict\" : \"hang\"");

    // Offline, the recorded history is judged again: an old result without findings is redone.
    RunDirectory run = RunDirectory.open(dir);
    RunResult stale = run.readResult();
    run.writeResult(new RunResult(stale.schema(), stale.runId(), stale.startedAt(), stale.endedAt(), stale.host(),
        stale.target(), stale.kernel(), stale.plan(), Verdict.PASS, null, "pass", List.of(), List.of(), null,
        stale.steps(), true, stale.runDir()));
    int exit = dev.lifelab.cli.Main.newCommandLine().execute("analyze", "--no-store", dir.toString());
    assertThat(exit).isZero();
    RunResult again = run.readResult();
    assertThat(again.verdict()).isEqualTo(Verdict.HANG);
    assertThat(again.asExpected()).isTrue();
    assertThat(again.findings()).extracting(f -> f.title()).contains("INFO: task hung in i2c_del_adapter");
    assertThat(dir.resolve("junit.xml")).content().contains("i2c-unbind-while-open");
  }

  @Test
  void uartUnbindWhileOpenIsTheGoodCaseAndPasses() {
    RunResult r = run("qemu-x86_64-q35", "debian:6.1", "uart-unbind-while-open");
    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.PASS);
    assertThat(r.asExpected()).isTrue();
    assertThat(r.findings()).isEmpty();
    assertThat(r.steps()).extracting(s -> s.status()).doesNotContain("hang", "failed", "error");
  }

  @Test
  void virtioMmioUnbindWhileOpenPassesOnAFixedKernel() throws Exception {
    RunResult r = run("qemu-arm64-virt", "debian:6.1", "virtio-mmio-unbind-while-open");
    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.PASS);
    List<StepRecord> steps = RunDirectory.open(Path.of(r.runDir())).readSteps();
    StepRecord unbind = steps.stream().filter(s -> s.type().equals("unbind")).findFirst().orElseThrow();
    assertThat(unbind.resolved().get("device")).matches("[0-9a-f]+\\.virtio_mmio");
    assertThat(unbind.resolved().get("driver")).isEqualTo("virtio-mmio");
    // After rebinding, the new device hands out random bytes again.
    assertThat(steps.get(steps.size() - 1).stdout()).contains("virtio");
    assertThat(Files.readString(Path.of(r.runDir()).resolve("devices.json"))).contains("virtio-mmio");
  }

  @Test
  void mtdPlanOnAStockKernelSaysWhichOptionsAreMissingWithoutBooting() {
    RunResult r = run("qemu-arm64-virt", "debian:6.1", "mtd-unbind-while-open");
    assertThat(r.verdict()).isEqualTo(Verdict.INFRA_ERROR);
    assertThat(r.infraError()).contains("lacks").contains("CONFIG_MTD_PHYSMAP_OF");
    assertThat(Path.of(r.runDir()).resolve("console.log")).doesNotExist();
  }
}
