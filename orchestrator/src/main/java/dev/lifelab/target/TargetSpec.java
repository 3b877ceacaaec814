package dev.lifelab.target;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lifelab.common.YamlFiles;
import dev.lifelab.kernel.Arch;
import dev.lifelab.target.board.BoardTargetSpec;
import dev.lifelab.target.qemu.QemuTargetSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A target file from {@code targets/}: the machine, its console, its devices, and which of them
 * carry the test infrastructure (plans never unbind those).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = QemuTargetSpec.class, name = "qemu"),
    @JsonSubTypes.Type(value = BoardTargetSpec.class, name = "board")})
public interface TargetSpec extends dev.lifelab.common.Checked {
  String name();

  /** {@code qemu} or {@code board}. */
  default String kind() {
    return "qemu";
  }

  String description();

  Arch arch();

  /** Guest console device, e.g. {@code ttyAMA0}. */
  String console();

  /** Devices the plans can address on this target. */
  List<DeviceSpec> devices();

  /**
   * sysfs paths (e.g. {@code /sys/class/net/eth0}) whose device and its parents carry the run:
   * unbinding them would cut lifelab off the target.
   */
  List<String> infrastructure();

  /** Modules the guest loads at boot: the NIC's first, then the devices'. */
  List<String> bootModules();

  static TargetSpec load(Path file) {
    TargetSpec spec = YamlFiles.load(file, TargetSpec.class);
    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (spec.name() != null && !spec.name().equals(base)) {
      throw new dev.lifelab.common.UserError(file + ": name '" + spec.name()
          + "' differs from the file name '" + base + "'");
    }
    return spec;
  }
}
