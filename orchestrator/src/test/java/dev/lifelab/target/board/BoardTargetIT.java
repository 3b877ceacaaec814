package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Project;
import dev.lifelab.it.Lab;
import dev.lifelab.kernellog.BlockedTaskStack;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import dev.lifelab.plan.PlanFile;
import dev.lifelab.plan.PlanRunner;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.target.BootTimings;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in board end to end: power, serial console, U-Boot, TFTP, booti, SSH, a plan. */
class BoardTargetIT {

  @AfterEach
  void boardIsOff() {
    assertThat(StandIn.qemu()).as("the stand-in board is switched off").isEmpty();
  }

  @Test
  void theVirtioPlanRunsUnchangedOnTheBoardBootedThroughUBootAndPasses() throws Exception {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    PlanRunner runner = new PlanRunner(StandIn.target(), "debian:6.1", null, Path.of("target/it-runs"),
        analyzer::analyze, stack -> BlockedTaskStack.guiltyFrame(analyzer, stack));
    RunResult r = runner.run(PlanFile.load(Project.home().resolve("testplans/virtio-mmio-unbind-while-open.yaml")));

    assertThat(r.verdict()).as(r.summary() + " " + r.infraError()).isEqualTo(Verdict.PASS);
    assertThat(r.target().kind()).isEqualTo("board");
    assertThat(r.findings()).isEmpty();
    Path run = Path.of(r.runDir());
    String console = Files.readString(run.resolve("console.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
    // The lab procedure, in order: autoboot stopped, files loaded by TFTP, kernel started, guest up.
    assertThat(console).containsSubsequence("Hit any key to stop autoboot", "stopping U-Boot's autoboot",
        "U-Boot prompt reached",
        "tftpboot 0x40400000 lifelab/", "Bytes transferred = ", "lifelab/", "/Image (",
        "tftpboot 0x48000000 lifelab/", "/initrd.gz (",
        "setenv bootargs console=ttyAMA0,115200 panic=-1 quiet lifelab.ip=10.0.2.15/24 lifelab.gw=10.0.2.2",
        "booti 0x40400000 0x48000000:0x", "Starting kernel ...",
        "lifelab-guest: ssh ready", "power off");
    assertThat(run.resolve("dmesg.txt")).content().contains("Linux version 6.1").contains("lifelab.ip=10.0.2.15/24");
    assertThat(run.resolve("results.json")).content().contains("\"verdict\" : \"pass\"").contains("\"kind\" : \"board\"");
    // The run's files are gone from the TFTP root.
    try (var s = Files.list(Path.of("/tmp/lifelab-qemu-board/tftp/lifelab"))) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(run.getFileName().toString()));
    }
  }

  @Test
  void bootsThroughUBootToSshAndRunsCommandsWithTheGuestsAddressFromTheCommandLine() throws Exception {
    try (Target t = TargetLauncher.of(StandIn.target()).kernel("debian:6.1").runDir(Lab.runDir("board-boot")).start()) {
      CommandResult r = t.shell().run("uname -r; ip -4 addr show eth0; cat /proc/cmdline", Duration.ofSeconds(30));
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).contains(t.kernel().release()).contains("inet 10.0.2.15/24")
          .contains("lifelab.ip=10.0.2.15/24");
      assertThat(t.isAlive()).isTrue();
      assertThat(t.info().kind()).isEqualTo("board");
      BootTimings timings = t.timings();
      assertThat(timings.sshReadyMillis()).isGreaterThan(timings.initSeenMillis()).isPositive();
      assertThat(t.runDir().resolve("board-boot.json")).content()
          .contains("bootloaderPromptMillis").contains("kernelStartMillis").contains("sshReadyMillis");
      System.out.printf("board boot: U-Boot prompt + TFTP + booti + SSH in %.1f s%n", timings.sshReadyMillis() / 1000.0);
    }
  }

  @Test
  void aBoardThatNoLongerAnswersOverSshIsPowerCycledBackToItsBootloaderThenSwitchedOff() throws Exception {
    Path console;
    Target t = TargetLauncher.of(StandIn.target()).kernel("debian:6.1").runDir(Lab.runDir("board-recovery")).start();
    try {
      console = t.console().log();
      // The network goes: SSH cannot get the board back, only power can.
      t.shell().start("sleep 1; ip link set eth0 down");
      Thread.sleep(3000);
    } finally {
      t.close();
    }
    assertThat(t.isAlive()).isFalse();
    assertThat(Files.readString(console, java.nio.charset.StandardCharsets.ISO_8859_1)).containsSubsequence(
        "lifelab-guest: ssh ready", "the board does not answer over SSH", "power cycle to recover the board",
        "U-Boot 2023", "Hit any key to stop autoboot", "the board is back at its bootloader after the power cycle",
        "power off");
  }

  @Test
  void aKernelPanicAfterBootIsSeenOnTheConsoleAndTheBoardIsRecovered() throws Exception {
    try (Target t = TargetLauncher.of(StandIn.target()).kernel("debian:6.1").runDir(Lab.runDir("board-panic")).start()) {
      t.shell().start("echo 1 > /proc/sys/kernel/sysrq; echo c > /proc/sysrq-trigger");
      assertThat(Lab.awaitDeath(t, Duration.ofSeconds(60))).isFalse();
      assertThat(t.deathReason()).startsWith("kernel panic: Kernel panic - not syncing");
    }
  }
}
