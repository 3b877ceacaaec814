package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board stand-in from the command line, as a lab engineer runs it. */
class BoardCommandIT {
  @TempDir Path out;

  @Test
  void bootRunsTheCommandOnTheBoardBootedThroughUBoot() throws Exception {
    BootCommandIT.Result r = BootCommandIT.lifelab("boot", "--target", "qemu-uboot-board", "--kernel", "debian:6.1",
        "--out", out.toString(), "--", "uname", "-r");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().trim()).matches("6\\.1\\.0-\\d+-arm64");
    Path run;
    try (var s = Files.list(out)) {
      run = s.findFirst().orElseThrow();
    }
    assertThat(run.resolve("console.log")).content(java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("Hit any key to stop autoboot").contains("Starting kernel ...");
    assertThat(run.resolve("power.log")).content().contains("power on: qemu/board/qemu-board on");
    assertThat(run.resolve("timings.json")).content().contains("sshReadyMillis");
  }

  @Test
  void runJudgesTheVirtioPlanOnTheBoardAsPass() throws Exception {
    BootCommandIT.Result r = BootCommandIT.lifelab("run", "--target", "qemu-uboot-board", "--kernel", "debian:6.1",
        "--plan", "virtio-mmio-unbind-while-open", "--out", out.toString(), "--no-store");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("virtio-mmio-unbind-while-open on qemu-uboot-board / 6.1.0-").contains(": PASS");
  }

  @Test
  void aBoardThatCannotBeReachedIsAnInfraErrorWithExitCode2() throws Exception {
    Path target = out.resolve("board-unplugged.yaml");
    Files.writeString(target, Files.readString(dev.lifelab.common.Project.home().resolve("targets/qemu-uboot-board.yaml"))
        .replace("name: qemu-uboot-board", "name: board-unplugged")
        .replace("port: /tmp/lifelab-qemu-board/ttyUSB0", "port: /dev/ttyUSB-lifelab-none")
        .replace("reconnect-timeout: 5s", "reconnect-timeout: 1s"));
    BootCommandIT.Result r = BootCommandIT.lifelab("boot", "--target", target.toString(), "--kernel", "debian:6.1",
        "--out", out.resolve("runs").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("target did not come up (serial console): serial port /dev/ttyUSB-lifelab-none "
        + "does not exist");
  }

  @Test
  void ctrlCSwitchesTheBoardOff() throws Exception {
    Process p = BootCommandIT.start("boot", "--target", "qemu-uboot-board", "--kernel", "debian:6.1",
        "--out", out.toString(), "--", "sleep", "300");
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        if (line.contains("ready: SSH after")) {
          break;
        }
      }
      Path pidFile = Path.of("/tmp/lifelab-qemu-board/qemu.pid");
      long qemu = Long.parseLong(Files.readString(pidFile).trim());
      assertThat(ProcessHandle.of(qemu).map(ProcessHandle::isAlive)).contains(true);
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(ProcessHandle.of(qemu).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }
}
