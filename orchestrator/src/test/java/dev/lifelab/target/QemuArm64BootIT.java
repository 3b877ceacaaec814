package dev.lifelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.it.BootedTarget;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QemuArm64BootIT {
  @RegisterExtension
  static final BootedTarget guest = new BootedTarget("qemu-arm64-virt", "debian:6.1");

  @Test
  void runsCommandsOnTheBootedKernel() throws Exception {
    CommandResult r = guest.target().shell().run("uname -r; uname -m", Duration.ofSeconds(30));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains(guest.target().kernel().release()).contains("aarch64");
  }

  @Test
  void reportsExitCodeAndStderr() throws Exception {
    CommandResult r = guest.target().shell().run("echo oops >&2; exit 3", Duration.ofSeconds(30));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).isEqualTo("oops\n");
  }

  @Test
  void oneSessionHoldsADeviceWhileAnotherLooksAtIt() throws Exception {
    try (RemoteCommand holder = guest.target().shell().start("exec 3</dev/hwrng; echo $$; exec sleep 60 3<&3")) {
      String pid = awaitLine(holder);
      CommandResult fds = guest.target().shell().run("ls -l /proc/" + pid + "/fd", Duration.ofSeconds(30));
      assertThat(fds.stdout()).contains("/dev/hwrng");
      try (Shell second = guest.target().shell().fresh()) {
        assertThat(second.run("cat /proc/" + pid + "/comm", Duration.ofSeconds(30)).stdout().trim())
            .isEqualTo("sleep");
      }
      assertThat(holder.isDone()).isFalse();
    }
  }

  @Test
  void theVirtDevicesOfTheTargetFileArePresent() throws Exception {
    CommandResult r = guest.target().shell().run(
        "ls /sys/bus/platform/drivers/virtio-mmio/ | grep -c virtio_mmio; ls /dev/hwrng /dev/vda /dev/hvc0",
        Duration.ofSeconds(30));
    assertThat(r.exitCode()).isZero();
    assertThat(Integer.parseInt(r.stdout().lines().findFirst().orElseThrow().trim())).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theKernelsModuleLoaderWorksOnceTheTargetIsReady() throws Exception {
    // Plans load modules with modprobe, and drivers have the kernel load theirs on demand.
    CommandResult r = guest.target().shell().run(
        "p=$(cat /proc/sys/kernel/modprobe) && \"$p\" -r virtio_rng && ! test -e /sys/module/virtio_rng"
            + " && \"$p\" virtio_rng && test -e /sys/module/virtio_rng && test -c /dev/hwrng",
        Duration.ofSeconds(60));
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
  }

  @Test
  void consoleLogHoldsTheGuestBootAndTimingsAreOrdered() throws Exception {
    String console = Files.readString(guest.target().console().log());
    assertThat(console).contains("lifelab-guest: init started").contains("lifelab-guest: ssh ready");
    BootTimings t = guest.target().timings();
    assertThat(t.initMillis()).isPositive().isLessThanOrEqualTo(t.initSeenMillis());
    assertThat(t.sshReadyMillis()).isGreaterThanOrEqualTo(t.initSeenMillis());
    assertThat(t.devicesReadyMillis()).isGreaterThanOrEqualTo(t.sshReadyMillis());
    assertThat(t.kernelInitSeconds()).isPositive();
    // init reports the kernel's "Run /init" time on the console; it is the one in the kernel log.
    String dmesg = guest.target().shell().run("dmesg | grep -m1 'Run /init'", Duration.ofSeconds(30)).stdout();
    assertThat(dmesg).contains(String.format(Locale.ROOT, "%.6f] Run /init", t.kernelInitSeconds()));
  }

  static String awaitLine(RemoteCommand c) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String out = c.stdoutSoFar();
      if (out.contains("\n")) {
        return out.substring(0, out.indexOf('\n')).trim();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no output from " + c.command());
  }
}
