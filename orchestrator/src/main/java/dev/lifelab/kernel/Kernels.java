package dev.lifelab.kernel;

import dev.lifelab.common.UserError;
import dev.lifelab.kernel.build.BuildListener;
import dev.lifelab.kernel.build.BuildRequest;
import dev.lifelab.kernel.build.KernelBuilder;
import java.nio.file.Path;

/** Turns a {@code --kernel} argument into a bootable kernel, fetching or building it as needed. */
public final class Kernels {
  private Kernels() {}

  public static KernelImage resolve(String spec, Arch arch) {
    return resolve(spec, null, arch);
  }

  /**
   * @param modules modules directory of a kernel given as an image path, or null
   */
  public static KernelImage resolve(String spec, Path modules, Arch arch) {
    if (BuildRequest.isSourceSpec(spec)) {
      // Built once per (source, fragments, arch); later requests find it in the cache.
      return RESOLVED.computeIfAbsent(spec + "@" + arch, k -> new KernelBuilder(BuildListener.logging())
          .build(BuildRequest.fromSpec(spec, arch.kernelName())));
    }
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
    throw new UserError("--kernel " + spec.text() + ": not a kernel lifelab can fetch or build");
  }
}
