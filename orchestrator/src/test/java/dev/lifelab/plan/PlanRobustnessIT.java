package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.it.Lab;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepRecord;
import dev.lifelab.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans that go wrong: hostile values, a kernel that dies mid-plan, devices that are not there. */
class PlanRobustnessIT {
  @TempDir Path dir;

  RunResult run(String target, String yaml) throws Exception {
    Path f = dir.resolve(yaml.lines().findFirst().orElseThrow().replace("name: ", "").trim() + ".yaml");
    Files.writeString(f, yaml);
    return new PlanRunner(Lab.target(target), "debian:6.1", null, Path.of("target/it-runs"),
        StockKernelPlansIT.ANALYZER::analyze, s -> s.get(0)).run(PlanFile.load(f));
  }

  @Test
  void valuesReachTheShellQuotedAndRunNothing() throws Exception {
    RunResult r = run("qemu-arm64-virt", """
        name: quoting
        steps:
          - type: open
            name: h
            path: /dev/null
            mode: write
          - type: io
            holder: h
            write: "x'; touch /tmp/pwned; echo '"
          - type: unbind
            bus: platform
            driver: virtio-mmio
            name: "x; touch /tmp/pwned2"
        cleanup:
          - type: shell
            command: test ! -e /tmp/pwned && test ! -e /tmp/pwned2 && echo clean
        """);
    List<StepRecord> steps = RunDirectory.open(Path.of(r.runDir())).readSteps();
    assertThat(steps.get(2).status()).isEqualTo("failed");
    assertThat(steps.get(2).stderr()).containsIgnoringCase("no such device");
    assertThat(steps.get(3).status()).isEqualTo("ok");
    assertThat(steps.get(3).stdout()).isEqualTo("clean\n");
    assertThat(r.verdict()).isEqualTo(Verdict.INFRA_ERROR);
    assertThat(r.infraError()).contains("step 2 (unbind platform/virtio-mmio/x; touch /tmp/pwned2) failed");
  }

  @Test
  void aKernelThatCrashesMidPlanIsJudgedFromTheConsole() throws Exception {
    RunResult r = run("qemu-arm64-virt", """
        name: crash
        steps:
          - type: shell
            command: echo c > /proc/sysrq-trigger
            timeout: 20s
          - type: shell
            command: echo never
        """);
    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.FAIL);
    assertThat(r.findings()).isNotEmpty();
    assertThat(r.findings().get(0).source()).isEqualTo("console.log");
    List<StepRecord> steps = RunDirectory.open(Path.of(r.runDir())).readSteps();
    assertThat(steps.get(1).status()).isEqualTo("skipped");
    assertThat(steps.get(1).note()).contains("QEMU exited");
  }

  @Test
  void aDeviceThatIsNotThereIsAnInfraErrorSayingWhatSysfsHas() throws Exception {
    RunResult r = run("qemu-arm64-virt", """
        name: missing-device
        devices:
          smbus: {bus: pci, driver: i801_smbus}
        steps:
          - type: unbind
            device: smbus
        """);
    assertThat(r.verdict()).isEqualTo(Verdict.INFRA_ERROR);
    assertThat(r.infraError()).contains("device 'smbus' not found").contains("bound to i801_smbus");
  }

  @Test
  void theSshNicIsNeverUnbound() throws Exception {
    RunResult r = run("qemu-arm64-virt", """
        name: cut-the-branch
        devices:
          nic: {bus: platform, driver: virtio-mmio, child-driver: virtio_net}
        steps:
          - type: unbind
            device: nic
        cleanup:
          - type: shell
            command: echo still here
        """);
    List<StepRecord> steps = RunDirectory.open(Path.of(r.runDir())).readSteps();
    assertThat(steps.get(0).status()).isEqualTo("error");
    assertThat(steps.get(0).note()).contains("refusing to unbind").contains("/sys/class/net/eth0");
    assertThat(steps.get(1).stdout()).isEqualTo("still here\n");
  }
}
