package dev.lifelab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.Arch;
import dev.lifelab.target.qemu.QemuTargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSpecTest {
  @TempDir Path dir;

  @Test
  void theArm64VirtTargetKeepsTheFlashOffUnitZeroAndProtectsSshAndConsole() {
    TargetSpec t = TargetSpec.load(Project.home().resolve("targets/qemu-arm64-virt.yaml"));
    assertThat(t).isInstanceOf(QemuTargetSpec.class);
    assertThat(t.arch()).isEqualTo(Arch.ARM64);
    assertThat(t.devices()).extracting(DeviceSpec::name).contains("rng", "virtio-console", "blk", "flash");
    assertThat(String.join(" ", t.devices().stream().filter(d -> d.name().equals("flash")).findFirst()
        .orElseThrow().qemu())).contains("if=pflash,unit=1");
    assertThat(t.infrastructure()).contains("/sys/class/net/eth0", "/sys/class/tty/ttyAMA0");
    assertThat(t.bootModules()).startsWith("virtio_mmio", "virtio_net");
  }

  @Test
  void theQ35TargetHasTheSmbusAndASecondUart() {
    QemuTargetSpec t = (QemuTargetSpec) TargetSpec.load(Project.home().resolve("targets/qemu-x86_64-q35.yaml"));
    assertThat(t.machine()).isEqualTo("q35");
    assertThat(t.bootModules()).contains("i2c-i801", "i2c-dev");
    assertThat(t.bootTimeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void unknownKeysAreRejectedWithFileLineAndColumn() throws IOException {
    Path f = write("""
        kind: qemu
        name: t
        arch: arm64
        binary: qemu-system-aarch64
        machine: virt
        memroy: 1G
        """);
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":6:1: ")
        .hasMessageContaining("unknown field 'memroy'")
        .hasMessageContaining("memory");
  }

  @Test
  void badValuesAreRejectedWithTheReason() throws IOException {
    Path f = write("""
        kind: qemu
        name: t
        arch: arm64
        binary: qemu-system-aarch64
        machine: virt
        memory: lots
        console: ttyAMA0
        nic: virtio-net-device
        """);
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessage(f + ":6:1: field 'memory': must look like 512M or 1G");
  }

  @Test
  void anUnknownArchitectureIsNamed() throws IOException {
    Path f = write("""
        kind: qemu
        name: t
        arch: sparc
        """);
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":3:")
        .hasMessageContaining("sparc");
  }

  @Test
  void anUnknownKindListsTheKnownOnes() throws IOException {
    Path f = write("""
        kind: fpga
        name: t
        """);
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("unknown type 'fpga'")
        .hasMessageContaining("qemu");
  }

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("t.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
