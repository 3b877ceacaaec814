package dev.lifelab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.it.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetFailureIT {

  @Test
  void qemuKilledMidCommandGivesAConnectionLostErrorAndKeepsTheConsole() throws Exception {
    Path consoleLog;
    try (Target t = Lab.boot("qemu-arm64-virt", "debian:6.1")) {
      consoleLog = t.console().log();
      long qemuPid = qemuPid(t);
      try (RemoteCommand c = t.shell().start("echo started; sleep 60")) {
        QemuArm64BootIT.awaitLine(c);
        ProcessHandle.of(qemuPid).orElseThrow().destroyForcibly();
        assertThatThrownBy(() -> c.waitFor(Duration.ofSeconds(30)))
            .isInstanceOf(ShellException.class)
            .satisfies(e -> assertThat(((ShellException) e).connectionLost()).isTrue())
            .hasMessageContaining("connection lost");
      }
      // The connection may be seen lost while the killed QEMU is still exiting (its sockets close
      // first): the target is asked again for a moment, as the plan runner does.
      assertThat(Lab.awaitDeath(t, Duration.ofSeconds(5))).isFalse();
      assertThat(t.deathReason()).contains("QEMU exited");
    }
    assertThat(Files.readString(consoleLog)).contains("lifelab-guest: ssh ready");
  }

  @Test
  void aKernelThatFindsNoInitIsReportedAsAKernelPanic() {
    TargetLauncher l = TargetLauncher.of(Lab.target("qemu-arm64-virt")).kernel("debian:6.1")
        .kernelArgs("rdinit=/no/such/init").runDir(Lab.runDir("panic"));
    assertThatThrownBy(l::start)
        .isInstanceOfSatisfying(TargetStartException.class, e -> {
          assertThat(e.stage()).isEqualTo(BootStage.KERNEL_PANIC);
          assertThat(e.getMessage()).contains("Kernel panic - not syncing");
          assertThat(e.consoleLog()).exists();
        });
  }

  @Test
  void noQemuSurvivesClose() throws Exception {
    long pid;
    try (Target t = Lab.boot("qemu-arm64-virt", "debian:6.1")) {
      pid = qemuPid(t);
      assertThat(ProcessHandle.of(pid)).isPresent();
    }
    Optional<ProcessHandle> after = ProcessHandle.of(pid);
    assertThat(after.map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  static long qemuPid(Target t) {
    return ((dev.lifelab.target.qemu.QemuTarget) t).pid();
  }
}
