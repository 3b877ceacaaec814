package dev.lifelab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import java.util.List;

/**
 * What the kernel must have for a plan to mean anything.
 *
 * @param config kernel options, {@code CONFIG_X} (built in or module) or {@code CONFIG_X=y}
 * @param modules modules to put in the guest image and load at boot
 */
public record Requirements(List<String> config, List<String> modules) implements Checked {
  @JsonCreator
  public Requirements {
    config = config == null ? List.of() : List.copyOf(config);
    modules = modules == null ? List.of() : List.copyOf(modules);
  }

  @Override
  public void check(Checks c) {
    for (int i = 0; i < config.size(); i++) {
      c.require(config.get(i).matches("CONFIG_[A-Z0-9_]+(=[ym])?"), "config[" + i + "]",
          "'" + config.get(i) + "' is not a kernel option like CONFIG_MTD_PHYSMAP_OF or CONFIG_KASAN=y");
    }
    for (int i = 0; i < modules.size(); i++) {
      c.require(modules.get(i).matches("[A-Za-z0-9_-]+"), "modules[" + i + "]", "is not a module name");
    }
  }

  public static Requirements none() {
    return new Requirements(List.of(), List.of());
  }
}
