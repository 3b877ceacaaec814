package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.console.SerialConsole;
import dev.lifelab.it.Lab;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.TargetLauncher;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import dev.lifelab.target.qemu.QmpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots of the stand-in board that go wrong the ways boards do: each ends with an infra error
 * naming the stage and what the console said, keeps the console log, and leaves the board off.
 */
class BoardFailureIT {
  @TempDir Path dir;

  @AfterEach
  void boardIsOff() throws Exception {
    assertThat(StandIn.qemu()).as("the stand-in board is switched off").isEmpty();
  }

  private TargetStartException boot(TargetSpec spec) {
    TargetLauncher l = TargetLauncher.of(spec).kernel("debian:6.1").runDir(Lab.runDir(spec.name()));
    try {
      l.start().close();
    } catch (TargetStartException e) {
      return e;
    }
    throw new AssertionError("the boot succeeded");
  }

  @Test
  void aMissingFileOnTheTftpServerEndsTheBootAtTheTftpStageNamingUBootsLine() throws Exception {
    // lifelab places the files in one directory, the TFTP server serves another.
    TargetSpec spec = StandIn.variant(dir, "board-wrong-tftp-root",
        y -> y.replace("tftp-root: /tmp/lifelab-qemu-board/tftp", "tftp-root: " + dir.resolve("elsewhere")));
    TargetStartException e = boot(spec);
    assertThat(e.stage()).isEqualTo(BootStage.TFTP);
    assertThat(e.getMessage()).contains("TFTP error: 'File not found'")
        .contains("tftpboot 0x40400000 lifelab/").contains("is tftp-root the directory the server serves?");
    assertThat(e.consoleLog()).content().contains("Hit any key to stop autoboot").contains("TFTP error: 'File not found'");
    assertThat(dir.resolve("elsewhere/lifelab")).isEmptyDirectory();
  }

  @Test
  void aSilentBootloaderEndsTheBootAtTheBootloaderStage() throws Exception {
    // A board whose flash holds no bootloader: powered, but nothing on the console.
    Path blank = dir.resolve("blank-flash.bin");
    Files.write(blank, new byte[65536]);
    TargetSpec spec = StandIn.variant(dir, "board-without-u-boot", y -> y
        .replace("--ssh-port 52222", "--ssh-port 52222 --firmware " + blank)
        .replace("bootloader-timeout: 60s", "bootloader-timeout: 8s"));
    long start = System.nanoTime();
    TargetStartException e = boot(spec);
    assertThat(e.stage()).isEqualTo(BootStage.BOOTLOADER);
    assertThat(e.getMessage()).contains("U-Boot silent: nothing on " + StandIn.PORT + " within 8.0 s of power on")
        .contains("baud rate 115200");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
    assertThat(e.consoleLog()).content().contains("power on").doesNotContain("U-Boot 20");
  }

  @Test
  void theSerialPortVanishingMidBootEndsTheBootWithTheStageItWasIn() throws Exception {
    TargetSpec spec = StandIn.target();
    Path runDir = Lab.runDir("board-port-vanishes");
    CompletableFuture<TargetStartException> boot = CompletableFuture.supplyAsync(() -> {
      try {
        TargetLauncher.of(spec).kernel("debian:6.1").runDir(runDir).start().close();
        return null;
      } catch (TargetStartException e) {
        return e;
      }
    });
    StandIn.awaitText(runDir.resolve("console.log"), "Starting kernel", Duration.ofSeconds(120));
    // The QEMU behind the port ends: its pty, the board's console, is gone and stays gone.
    StandIn.qemu().orElseThrow().destroyForcibly();
    TargetStartException e;
    try {
      e = boot.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException x) {
      throw new AssertionError(x.getCause());
    }
    assertThat(e).as("the boot failed").isNotNull();
    assertThat(e.stage()).isEqualTo(BootStage.KERNEL_START);
    assertThat(e.getMessage()).contains("serial console lost: " + StandIn.PORT + " vanished")
        .contains("did not come back within 5.0 s");
    // What was read before is kept, and the log says when the port went.
    assertThat(e.consoleLog()).content().contains("Hit any key to stop autoboot").contains("Starting kernel")
        .contains("serial port " + StandIn.PORT + " lost");
  }

  @Test
  void aResetIntoTheBootloaderAfterBootiEndsTheBootAtKernelStartQuotingTheBanner() throws Exception {
    Path runDir = Lab.runDir("board-resets");
    CompletableFuture<TargetStartException> boot = CompletableFuture.supplyAsync(() -> {
      try {
        TargetLauncher.of(StandIn.target()).kernel("debian:6.1").runDir(runDir).start().close();
        return null;
      } catch (TargetStartException e) {
        return e;
      }
    });
    StandIn.awaitText(runDir.resolve("console.log"), "Starting kernel", Duration.ofSeconds(120));
    // What a watchdog does to a kernel that hangs early: the SoC resets into its firmware.
    try (QmpClient qmp = QmpClient.connect(StandIn.STATE.resolve("qmp.sock"), Duration.ofSeconds(5))) {
      qmp.reset();
    }
    TargetStartException e = boot.get(120, TimeUnit.SECONDS);
    assertThat(e).as("the boot failed").isNotNull();
    assertThat(e.stage()).isEqualTo(BootStage.KERNEL_START);
    assertThat(e.getMessage()).contains("the board reset into its bootloader after the kernel started: 'U-Boot 2023.01");
  }

  @Test
  void aSerialPortThatDoesNotExistIsNamed() throws Exception {
    TargetSpec spec = StandIn.variant(dir, "board-no-port", y -> y
        .replace("port: /tmp/lifelab-qemu-board/ttyUSB0", "port: " + dir.resolve("ttyUSB7"))
        .replace("reconnect-timeout: 5s", "reconnect-timeout: 1s"));
    TargetStartException e = boot(spec);
    assertThat(e.stage()).isEqualTo(BootStage.CONSOLE);
    assertThat(e.getMessage()).contains("serial port " + dir.resolve("ttyUSB7") + " does not exist");
  }

  @Test
  void aSerialPortHeldByAnotherProgramIsBusyAndTheHolderNamed() throws Exception {
    StandIn.power("on");
    Path otherLog = dir.resolve("other-console.log");
    try (SerialConsole other = SerialConsole.open(StandIn.PORT.toString(), 115200, new ConsoleRecorder(otherLog),
        Duration.ZERO)) {
      // The target's power driver switches the board off first (the pty goes) and on again:
      // the holder must hold the new port, as a terminal program left open on a lab's adapter does.
      TargetSpec spec = StandIn.variant(dir, "board-busy-port", y -> y
          .replace("off: qemu/board/qemu-board off --state /tmp/lifelab-qemu-board", "off: 'true'"));
      TargetStartException e = boot(spec);
      assertThat(e.stage()).isEqualTo(BootStage.CONSOLE);
      assertThat(e.getMessage()).contains("serial port " + StandIn.PORT + " is busy: held by pid "
          + ProcessHandle.current().pid() + " (java)");
    } finally {
      StandIn.power("off");
    }
  }
}
