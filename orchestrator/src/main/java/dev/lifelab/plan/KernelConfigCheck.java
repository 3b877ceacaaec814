package dev.lifelab.plan;

import dev.lifelab.kernel.KernelImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a plan's kernel options against the kernel's .config before booting it. */
public final class KernelConfigCheck {
  private KernelConfigCheck() {}

  /**
   * The requested options the kernel lacks, e.g. {@code CONFIG_MTD_PHYSMAP_OF} or
   * {@code CONFIG_KASAN=y (is m)}; empty when all are there or the config is unknown.
   */
  public static List<String> missing(KernelImage kernel, Requirements requires) {
    if (kernel.config() == null || requires.config().isEmpty()) {
      return List.of();
    }
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(kernel.config())) {
        int eq = line.indexOf('=');
        if (line.startsWith("CONFIG_") && eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kernel.config(), e);
    }
    List<String> missing = new ArrayList<>();
    for (String want : requires.config()) {
      int eq = want.indexOf('=');
      String option = eq < 0 ? want : want.substring(0, eq);
      String have = values.get(option);
      if (eq < 0 ? !("y".equals(have) || "m".equals(have)) : !want.substring(eq + 1).equals(have)) {
        missing.add(have == null ? want : want + " (is " + have + ")");
      }
    }
    return missing;
  }
}
