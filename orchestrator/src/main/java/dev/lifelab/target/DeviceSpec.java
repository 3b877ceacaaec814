package dev.lifelab.target;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import java.util.List;

/**
 * A device of the target that plans can address.
 *
 * @param name short name plans use ({@code rng}, {@code flash}, {@code smbus})
 * @param description what it is, for people
 * @param qemu QEMU arguments that create it (QEMU targets only); {@code {scratch:NAME:SIZE}}
 *     stands for a zero-filled scratch file made per boot
 * @param modules kernel modules it needs, loaded at boot when the kernel has them
 */
public record DeviceSpec(String name, String description, List<String> qemu, List<String> modules)
    implements Checked {
  @JsonCreator
  public DeviceSpec {
    qemu = qemu == null ? List.of() : List.copyOf(qemu);
    modules = modules == null ? List.of() : List.copyOf(modules);
  }

  @Override
  public void check(Checks c) {
    c.require(name != null && name.matches("[a-z0-9][a-z0-9-]*"), "name",
        "is required: lowercase letters, digits and '-'");
  }
}
