package dev.lifelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.it.BootedTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QemuX86BootIT {
  @RegisterExtension
  static final BootedTarget guest = new BootedTarget("qemu-x86_64-q35", "debian:6.1");

  @Test
  void bootsTheDebianKernelAndAnswersOverSsh() throws Exception {
    CommandResult r = guest.target().shell().run("uname -r; uname -m", Duration.ofSeconds(30));
    assertThat(r.stdout()).contains(guest.target().kernel().release()).contains("x86_64");
    assertThat(guest.target().kernel().release()).startsWith("6.1.");
  }

  @Test
  void theIch9SmbusIsAnI2cAdapterWithACharacterDevice() throws Exception {
    CommandResult r = guest.target().shell().run(
        "ls /sys/bus/pci/drivers/i801_smbus/; cat /sys/class/i2c-dev/i2c-0/name; ls /dev/i2c-0",
        Duration.ofSeconds(30));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("0000:00:1f.3").contains("SMBus I801 adapter").contains("/dev/i2c-0");
  }

  @Test
  void aSecondUartExistsBesideTheConsole() throws Exception {
    CommandResult r = guest.target().shell().run("cat /proc/tty/driver/serial", Duration.ofSeconds(30));
    assertThat(r.stdout()).containsPattern("1: uart:16550A port:000002F8");
  }

  @Test
  void twoCommandsRunAtOnce() throws Exception {
    try (RemoteCommand slow = guest.target().shell().start("sleep 3; echo slow")) {
      CommandResult fast = guest.target().shell().run("echo fast", Duration.ofSeconds(10));
      assertThat(fast.stdout()).isEqualTo("fast\n");
      assertThat(slow.isDone()).isFalse();
      assertThat(slow.waitFor(Duration.ofSeconds(30)).orElseThrow().stdout()).isEqualTo("slow\n");
    }
  }
}
