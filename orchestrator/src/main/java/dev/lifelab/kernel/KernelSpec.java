package dev.lifelab.kernel;

import dev.lifelab.common.UserError;
import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked for with {@code --kernel}, parsed but not yet fetched or built.
 *
 * <ul>
 *   <li>{@code debian:6.1}, {@code debian:6.12}: newest Debian binary package of that series
 *   <li>{@code debian:6.1.0-47}, {@code debian:6.12.107}, {@code debian:6.1.170-3} (package
 *       version), {@code debian:linux-image-6.1.0-47-arm64-unsigned}: one exact package
 *   <li>{@code debian-src:6.1}, {@code debian-src:6.12+kasan}: built from Debian's linux-source
 *       package with config fragments
 *   <li>a path: an Image/bzImage file, a directory holding one (and {@code lib/modules}), or a
 *       kernel build tree
 * </ul>
 */
public sealed interface KernelSpec {
  /** The text the user gave, kept for results. */
  String text();

  record DebianPackage(String text, String selector) implements KernelSpec {}

  record DebianSource(String text, String series, List<String> fragments) implements KernelSpec {}

  record LocalSource(String text, Path tree, List<String> fragments) implements KernelSpec {}

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
    if (t.startsWith("debian-src:")) {
      String[] parts = t.substring("debian-src:".length()).split("\\+");
      return new DebianSource(t, parts[0], List.of(parts).subList(1, parts.length));
    }
    if (t.startsWith("src:")) {
      String[] parts = t.substring("src:".length()).split("\\+");
      return new LocalSource(t, Path.of(parts[0]), List.of(parts).subList(1, parts.length));
    }
    if (t.contains("/") || t.startsWith(".")) {
      return new LocalPath(t, Path.of(t), modules);
    }
    throw new UserError("--kernel " + text + ": not a kernel; use debian:6.1, debian:6.12, "
        + "debian:6.1.0-47, debian-src:6.1, src:PATH_TO_TREE or a path to an Image/bzImage");
  }
}
