package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What to build.
 *
 * @param spec what the user asked for, kept in the resulting KernelImage
 *     (e.g. {@code debian-src:6.1+kasan})
 * @param source where the source comes from
 * @param arch {@code arm64} or {@code x86_64}
 * @param fragments fragment names or files, merged in this order on top of tinyconfig
 * @param configsDir where bundled fragments live ({@code qemu/configs})
 * @param cacheRoot lifelab's cache directory; builds go to {@code kernels/build} under it
 * @param jobs make -j
 * @param timeout for the whole compile step
 * @param rebuild ignore (and replace) a cached result
 */
public record BuildRequest(String spec, KernelSource source, String arch, List<String> fragments,
    Path configsDir, Path cacheRoot, int jobs, Duration timeout, boolean rebuild) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(120);

  public BuildRequest {
    arch = normalizeArch(arch);
    fragments = List.copyOf(fragments);
    if (fragments.isEmpty()) {
      throw new UserError("no config fragment given");
    }
    if (jobs < 1) {
      throw new UserError("jobs must be at least 1");
    }
  }

  /**
   * A request from a {@code --kernel} value: {@code debian-src:6.1}, {@code debian-src:6.1+kasan
   * +lockdep}, a kernel tree path, or a path followed by {@code +fragment}s. The default fragment
   * is always first; each {@code +NAME} adds one.
   */
  public static BuildRequest fromSpec(String kernelSpec, String arch) {
    int cut = sourceEnd(kernelSpec);
    String src = kernelSpec.substring(0, cut);
    List<String> extra = cut == kernelSpec.length() ? List.of()
        : Arrays.stream(kernelSpec.substring(cut + 1).split("\\+", -1)).map(p -> "+" + p).toList();
    return new BuildRequest(kernelSpec, KernelSource.parse(src), arch, Fragments.names(extra),
        Fragments.defaultConfigsDir(), BuildCache.defaultRoot(),
        Runtime.getRuntime().availableProcessors(), DEFAULT_TIMEOUT, false);
  }

  /**
   * Where the source part of a spec ends: at the first '+' for debian-src, else at the longest
   * prefix that is a kernel tree (a directory name may itself contain '+').
   */
  private static int sourceEnd(String spec) {
    if (!spec.startsWith(KernelSource.PREFIX)) {
      for (int i = spec.length(); i > 0; i = spec.lastIndexOf('+', i - 1)) {
        if (isKernelTree(spec.substring(0, i))) {
          return i;
        }
      }
    }
    int plus = spec.indexOf('+');
    return plus < 0 ? spec.length() : plus;
  }

  private static boolean isKernelTree(String dir) {
    return !dir.isEmpty() && Files.isRegularFile(Path.of(dir, "Kconfig"))
        && Files.isRegularFile(Path.of(dir, "Makefile"));
  }

  /**
   * True if {@code kernelSpec} asks for a kernel built from source (rather than a binary one):
   * {@code debian-src:...} or a kernel tree directory, with or without {@code +fragment}s.
   */
  public static boolean isSourceSpec(String kernelSpec) {
    return kernelSpec.startsWith(KernelSource.PREFIX)
        || isKernelTree(kernelSpec.substring(0, sourceEnd(kernelSpec)));
  }

  public BuildRequest withCacheRoot(Path root) {
    return new BuildRequest(spec, source, arch, fragments, configsDir, root, jobs, timeout, rebuild);
  }

  public BuildRequest withRebuild(boolean r) {
    return new BuildRequest(spec, source, arch, fragments, configsDir, cacheRoot, jobs, timeout, r);
  }

  public BuildRequest withFragments(List<String> names) {
    return new BuildRequest(spec, source, arch, names, configsDir, cacheRoot, jobs, timeout,
        rebuild);
  }

  /** The kernel's ARCH= value for the names people use. */
  public static String normalizeArch(String a) {
    return switch (a == null ? "" : a) {
      case "arm64", "aarch64" -> "arm64";
      case "x86_64", "amd64", "x86" -> "x86_64";
      default -> throw new UserError("unsupported architecture '" + a + "' (arm64 or x86_64)");
    };
  }
}
