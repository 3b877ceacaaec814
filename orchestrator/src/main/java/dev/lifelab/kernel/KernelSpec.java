package dev.lifelab.kernel;

import dev.lifelab.common.UserError;
import java.nio.file.Path;

/**
 * What the user asked for with {@code --kernel}, parsed but not yet fetched or built.
 *
 * <ul>
 *   <li>{@code debian:6.1}, {@code debian:6.12}: newest Debian binary package of that series
 *   <li>{@code debian:6.1.0-47}, {@code debian:6.12.107}, {@code debian:6.1.170-3} (package
 *       version), {@code debian:linux-image-6.1.0-47-arm64-unsigned}: one exact package
 *   <li>a path: an Image/bzImage file, or a directory holding one (and {@code lib/modules})
 * </ul>
 *
 * <p>Kernels built from source ({@code debian-src:6.1+kasan}, a kernel tree) are requests of
 * {@link dev.lifelab.kernel.build.BuildRequest}.
 */
public sealed interface KernelSpec {
  /** The text the user gave, kept for results. */
  String text();

  record DebianPackage(String text, String selector) implements KernelSpec {}

  record LocalPath(String text, Path path, Path modules) implements KernelSpec {}

  static KernelSpec parse(String text) {
    return parse(text, null);
  }

  static KernelSpec parse(String text, Path modules) {
    String t = text.trim();
    if (t.startsWith("debian:")) {
      String sel = t.substring("debian:".length());
      if (sel.isEmpty()) {
        throw new UserError("--kernel " + text + ": say which version, e.g. debian:6.1");
      }
      return new DebianPackage(t, sel);
    }
    if (t.contains("/") || t.startsWith(".")) {
      return new LocalPath(t, Path.of(t), modules);
    }
    throw new UserError("--kernel " + text + ": not a kernel; use debian:6.1, debian:6.12, "
        + "debian:6.1.0-47, debian-src:6.1, a kernel tree or a path to an Image/bzImage");
  }
}
