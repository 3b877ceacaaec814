package dev.lifelab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * What the kernel must have for a plan to mean anything.
 *
 * @param config kernel options, {@code CONFIG_X} (built in or module) or {@code CONFIG_X=y}
 * @param modules modules to put in the guest image and load at boot
 */
public record Requirements(List<String> config, List<String> modules) {
  @JsonCreator
  public Requirements {
    config = config == null ? List.of() : List.copyOf(config);
    modules = modules == null ? List.of() : List.copyOf(modules);
    for (String c : config) {
      if (!c.matches("CONFIG_[A-Z0-9_]+(=[ym])?")) {
        throw new IllegalArgumentException("'" + c + "' is not a kernel option like CONFIG_MTD_PHYSMAP_OF or CONFIG_KASAN=y");
      }
    }
  }

  public static Requirements none() {
    return new Requirements(List.of(), List.of());
  }
}
