package dev.lifelab.kernel;

import dev.lifelab.common.UserError;
import java.nio.file.Path;

/** Turns a {@code --kernel} argument into a bootable kernel, fetching or building it as needed. */
public final class Kernels {
  private Kernels() {}

  public static KernelImage resolve(String spec, Arch arch) {
    return resolve(KernelSpec.parse(spec), arch);
  }

  public static KernelImage resolve(String spec, Path modules, Arch arch) {
    return resolve(KernelSpec.parse(spec, modules), arch);
  }

  /** Resolved kernels of this process: asking apt which package is newest costs seconds. */
  private static final java.util.Map<String, KernelImage> RESOLVED = new java.util.concurrent.ConcurrentHashMap<>();

  public static KernelImage resolve(KernelSpec spec, Arch arch) {
    if (spec instanceof KernelSpec.DebianPackage p) {
      return RESOLVED.computeIfAbsent(spec.text() + "@" + arch, k -> DebianKernels.fetch(p, arch));
    }
    if (spec instanceof KernelSpec.LocalPath p) {
      return LocalKernels.open(p, arch);
    }
    throw new UserError("--kernel " + spec.text() + ": building kernels from source is not available");
  }
}
