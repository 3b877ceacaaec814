package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.plan.PlanFile;
import dev.lifelab.power.CommandPower;
import dev.lifelab.target.DeviceSpec;
import dev.lifelab.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardTargetSpecTest {
  static final List<String> RCAR = List.of("salvator-xs-h3", "ulcb-m3w", "ebisu-e3", "white-hawk-v4h",
      "gray-hawk-single-v4m");
  @TempDir Path dir;

  static BoardTargetSpec load(String name) {
    return (BoardTargetSpec) TargetSpec.load(Project.home().resolve("targets/" + name + ".yaml"));
  }

  @Test
  void theRCarBoardsHaveTheirConsolesDtbsAndDevices() {
    Map<String, String> dtbs = Map.of(
        "salvator-xs-h3", "renesas/r8a77951-salvator-xs.dtb",
        "ulcb-m3w", "renesas/r8a77960-ulcb.dtb",
        "ebisu-e3", "renesas/r8a77990-ebisu.dtb",
        "white-hawk-v4h", "renesas/r8a779g0-white-hawk.dtb",
        "gray-hawk-single-v4m", "renesas/r8a779h0-gray-hawk-single.dtb");
    for (String name : RCAR) {
      BoardTargetSpec b = load(name);
      assertThat(b.kind()).isEqualTo("board");
      assertThat(b.console()).isEqualTo("ttySC0");
      assertThat(b.boot().dtb()).isEqualTo(dtbs.get(name));
      assertThat(b.machine()).startsWith(dtbs.get(name).replaceAll("renesas/(r8a\\w+)-.*", "$1"));
      assertThat(BoardTargetSpec.Boot.hex(b.boot().kernelAddr())).isEqualTo("0x48080000");
      assertThat(BoardTargetSpec.Boot.hex(b.boot().fdtAddr())).isEqualTo("0x48000000");
      assertThat(b.bootModules()).startsWith("ravb").contains("i2c-rcar", "i2c-dev", "mtdchar");
      assertThat(b.devices()).extracting(DeviceSpec::name).contains("i2c");
      assertThat(b.infrastructure()).containsExactly("/sys/class/net/eth0", "/sys/class/tty/ttySC0");
      // Until a lab fills in its relay, switching power fails and says why.
      assertThat(((CommandPower.Spec) b.power()).on()).contains("PLACEHOLDER").contains("exit 1");
    }
  }

  @Test
  void gen3BoardsTalkAt115200AndGen4HawksAt921600() {
    assertThat(Stream.of("salvator-xs-h3", "ulcb-m3w", "ebisu-e3").map(n -> load(n).serial().baud()))
        .containsOnly(115200);
    assertThat(Stream.of("white-hawk-v4h", "gray-hawk-single-v4m").map(n -> load(n).serial().baud()))
        .containsOnly(921600);
  }

  @Test
  void theStandInBoardBootsWithTheFirmwaresDeviceTreeAndReachesSshThroughAForwardedPort() {
    BoardTargetSpec b = load("qemu-uboot-board");
    assertThat(b.boot().dtb()).isEqualTo(BoardTargetSpec.Boot.FIRMWARE_DTB);
    assertThat(b.network().sshHost()).isEqualTo("127.0.0.1");
    assertThat(b.network().sshPort()).isEqualTo(52222);
    assertThat(b.network().netmask()).isEqualTo("255.255.255.0");
    assertThat(b.serial().reconnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(BoardTarget.bootargs(b, "rdinit=/init")).isEqualTo(
        "console=ttyAMA0,115200 panic=-1 quiet lifelab.ip=10.0.2.15/24 lifelab.gw=10.0.2.2 rdinit=/init");
  }

  @Test
  void everyBoardPlanNamesBoardsThatExistAndDevicesTheyHave() throws IOException {
    for (String plan : List.of("i2c-rcar-unbind-while-open", "mtd-hyperflash-unbind-while-open",
        "mtd-spi-nor-unbind-while-open")) {
      List<String> targets = PlanFile.load(Project.home().resolve("testplans/" + plan + ".yaml")).plan().targets();
      assertThat(targets).isNotEmpty();
      for (String t : targets) {
        BoardTargetSpec b = load(t);
        String device = plan.startsWith("i2c") ? "i2c" : plan.contains("hyperflash") ? "hyperflash" : "spi-nor";
        assertThat(b.devices()).as(t + " for " + plan).extracting(DeviceSpec::name).contains(device);
      }
    }
  }

  @Test
  void theVirtioPlanRunsUnchangedOnTheStandIn() {
    BoardTargetSpec b = load("qemu-uboot-board");
    assertThat(b.bootModules()).contains("virtio_mmio", "virtio_rng");
  }

  @Test
  void unknownKeysAreRejectedWithFileLineAndColumn() throws IOException {
    Path f = write(standIn().replace("  baud: 115200", "  baud: 115200\n  parity: none"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":15:3: ")
        .hasMessageContaining("unknown field 'parity'")
        .hasMessageContaining("reconnect-timeout");
  }

  @Test
  void aBaudRateThatNoAdapterSpeaksIsRejected() throws IOException {
    Path f = write(standIn().replace("baud: 115200", "baud: 115201"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessage(f + ":14:3: field 'serial.baud': must be a standard rate such as 115200 or 921600");
  }

  @Test
  void aLoadAddressWrittenWithoutItsHexPrefixIsCaught() throws IOException {
    // 40400000 read as decimal is not page aligned: the user meant 0x40400000.
    Path f = write(standIn().replace("kernel-addr: 0x40400000", "kernel-addr: 40400001"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'boot.kernel-addr': must be a 4 KiB aligned address written in hex");
  }

  @Test
  void aDtbFileNeedsAnFdtAddress() throws IOException {
    Path f = write(standIn().replace("dtb: firmware", "dtb: renesas/x.dtb"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'boot.fdt-addr'").hasMessageContaining("(needed with a dtb file)");
  }

  @Test
  void anAddressWithoutPrefixLengthIsRejected() throws IOException {
    Path f = write(standIn().replace("address: 10.0.2.15/24", "address: 10.0.2.15"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining(":36:3: field 'network.address': is required: the board's IPv4 address with prefix");
  }

  @Test
  void kernelArgumentsThatUBootsShellWouldInterpretAreRejected() throws IOException {
    Path f = write(standIn().replace("  dtb: firmware", "  dtb: firmware\n  kernel-args: loglevel=8; reset"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'boot.kernel-args': must not contain ; $ quotes or backslashes");
  }

  @Test
  void anUnknownPowerDriverListsTheKnownOnes() throws IOException {
    Path f = write(standIn().replace("driver: command", "driver: ipmi"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("unknown type 'ipmi'")
        .hasMessageContaining("command").hasMessageContaining("manual").hasMessageContaining("qmp");
  }

  @Test
  void aCommandDriverWithoutAnOffCommandIsRejected() throws IOException {
    Path f = write(standIn().replace("  off: qemu/board/qemu-board off --state /tmp/lifelab-qemu-board\n", ""));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'power.off': is required");
  }

  @Test
  void aBoardDeviceWithQemuArgumentsIsRejected() throws IOException {
    Path f = write(standIn().replace("    modules: [virtio_rng]", "    modules: [virtio_rng]\n    qemu: [-device, x]"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'devices[0].qemu': a board's devices are hardware");
  }

  @Test
  void theManualAndQmpDriversLoad() throws IOException {
    assertThat(TargetSpec.load(write(standIn().replaceAll("(?s)power:.*?off-time: 0s\n", "power:\n  driver: manual\n"))))
        .isInstanceOf(BoardTargetSpec.class);
    Path f = write(standIn().replaceAll("(?s)power:.*?off-time: 0s\n", "power:\n  driver: qmp\n  socket: qmp.sock\n"));
    assertThatThrownBy(() -> TargetSpec.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("field 'power.socket': is required: the absolute path of QEMU's QMP socket");
  }

  private static String standIn() throws IOException {
    return Files.readString(Project.home().resolve("targets/qemu-uboot-board.yaml"))
        .replace("name: qemu-uboot-board", "name: t");
  }

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("t.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
