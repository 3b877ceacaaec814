package dev.lifelab.target.qemu;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checks;
import dev.lifelab.kernel.Arch;
import dev.lifelab.target.DeviceSpec;
import dev.lifelab.target.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A QEMU machine described in {@code targets/*.yaml} with {@code kind: qemu}.
 *
 * @param binary QEMU system emulator, e.g. {@code qemu-system-aarch64}
 * @param machine {@code -M} value, e.g. {@code virt}, {@code q35}
 * @param cpu {@code -cpu} value, or null for QEMU's default
 * @param memory {@code -m} value, e.g. {@code 1024M}
 * @param smp number of CPUs
 * @param kernelArgs kernel command line (console and infrastructure arguments)
 * @param nic QEMU device model of the NIC that carries SSH (user networking)
 * @param nicModules modules that NIC needs, loaded first
 * @param bootTimeout from QEMU start to SSH answering
 * @param consoleTimeout from QEMU start to the first console byte
 * @param directBoot start an x86 kernel uncompressed through its PVH entry when it has one,
 *     instead of letting it decompress itself (seconds under emulation)
 */
public record QemuTargetSpec(
    String name,
    String description,
    Arch arch,
    String binary,
    String machine,
    String cpu,
    String memory,
    Integer smp,
    String console,
    String kernelArgs,
    String nic,
    List<String> nicModules,
    List<String> extraArgs,
    List<DeviceSpec> devices,
    List<String> infrastructure,
    Duration bootTimeout,
    Duration consoleTimeout,
    Boolean directBoot)
    implements TargetSpec {

  @JsonCreator
  public QemuTargetSpec {
    smp = smp == null ? 1 : smp;
    kernelArgs = kernelArgs == null ? "" : kernelArgs;
    nicModules = nicModules == null ? List.of() : List.copyOf(nicModules);
    extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
    devices = devices == null ? List.of() : List.copyOf(devices);
    infrastructure = infrastructure == null ? List.of() : List.copyOf(infrastructure);
    bootTimeout = bootTimeout == null ? Duration.ofSeconds(120) : bootTimeout;
    consoleTimeout = consoleTimeout == null ? Duration.ofSeconds(30) : consoleTimeout;
    directBoot = directBoot != null && directBoot;
  }

  @Override
  public void check(Checks c) {
    c.require(arch != null, "arch", "is required (arm64 or x86_64)")
        .require(binary != null && binary.startsWith("qemu-system-"), "binary", "must be a qemu-system-* program")
        .require(machine != null && !machine.isBlank(), "machine", "is required (e.g. virt, q35)")
        .require(memory != null && memory.matches("\\d+[MG]?"), "memory", "must look like 512M or 1G")
        .require(console != null && console.matches("tty\\w+"), "console", "must be a tty name like ttyAMA0")
        .require(nic != null && !nic.isBlank(), "nic", "is required: the QEMU NIC model that carries SSH")
        .require(smp >= 1 && smp <= 64, "smp", "must be between 1 and 64")
        .each("devices", devices);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      c.require(names.add(devices.get(i).name()), "devices[" + i + "].name",
          "'" + devices.get(i).name() + "' is used twice");
    }
    for (int i = 0; i < infrastructure.size(); i++) {
      c.require(infrastructure.get(i).startsWith("/sys/"), "infrastructure[" + i + "]", "must be a sysfs path");
    }
  }

  @Override
  public List<String> bootModules() {
    List<String> all = new ArrayList<>(nicModules);
    for (DeviceSpec d : devices) {
      for (String m : d.modules()) {
        if (!all.contains(m)) {
          all.add(m);
        }
      }
    }
    return all;
  }
}
