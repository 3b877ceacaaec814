package dev.lifelab.kernel;

import dev.lifelab.common.Commands;
import dev.lifelab.common.Hashing;
import dev.lifelab.common.NaturalOrder;
import dev.lifelab.common.UserError;
import dev.lifelab.host.DebianArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Debian's binary kernel packages ({@code linux-image-*-unsigned}) as bootable kernels. */
public final class DebianKernels {
  private DebianKernels() {}

  public static KernelImage fetch(KernelSpec.DebianPackage spec, Arch arch) {
    String pkg = packageFor(spec.selector(), arch);
    String version = versionFor(spec.selector(), pkg);
    Path root = DebianArchive.unpacked(pkg, version);
    Path modulesBase = root.resolve("lib/modules");
    String release;
    try (Stream<Path> s = Files.list(modulesBase)) {
      release = s.map(p -> p.getFileName().toString()).findFirst()
          .orElseThrow(() -> new UserError(pkg + " has no lib/modules directory"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path modules = modulesBase.resolve(release);
    // The package ships no modules.dep: depmod normally runs at install time.
    if (!Files.exists(modules.resolve("modules.dep"))) {
      Commands.check(List.of("depmod", "-b", root.toString(), release), null, Duration.ofMinutes(2));
    }
    Path config = root.resolve("boot/config-" + release);
    Path image = root.resolve("boot/vmlinuz-" + release);
    return new KernelImage(spec.text(), arch.kernelName(), release, image, modules,
        Files.exists(config) ? config : null, pkg + " " + version,
        Files.exists(config) ? Hashing.shortSha256(config) : null);
  }

  /** The package a selector names for this architecture. */
  static String packageFor(String selector, Arch arch) {
    String d = Pattern.quote(arch.debianName());
    if (selector.startsWith("linux-image-")) {
      if (!selector.contains("-" + arch.debianName() + "-")) {
        throw new UserError("kernel package " + selector + " is not for " + arch.debianName());
      }
      requireKnown(selector);
      return selector;
    }
    if (selector.matches("\\d+\\.\\d+")) {
      Pattern p = Pattern.compile("linux-image-" + Pattern.quote(selector)
          + "\\.\\d+(-\\d+|\\+deb\\d+)-" + d + "-unsigned");
      List<String> names = DebianArchive.packageNames("linux-image-" + selector + ".", p);
      return names.stream().max(NaturalOrder.INSTANCE).orElseThrow(() -> new UserError(
          "no Debian kernel package for " + selector + " on " + arch.debianName()
              + " (apt-cache knows none matching linux-image-" + selector + ".*-"
              + arch.debianName() + "-unsigned; run apt-get update"
              + (arch == Arch.ARM64 ? " after dpkg --add-architecture arm64)" : ")")));
    }
    if (selector.matches("\\d+\\.\\d+\\.\\d+-\\d+")) {
      String abi = "linux-image-" + selector + "-" + arch.debianName() + "-unsigned";
      if (DebianArchive.candidateVersion(abi) != null) {
        return abi;
      }
      // Not an ABI name: maybe a package version like 6.1.170-3.
      String series = selector.replaceFirst("^(\\d+\\.\\d+).*", "$1");
      Pattern p = Pattern.compile("linux-image-" + Pattern.quote(series)
          + "\\.\\d+(-\\d+|\\+deb\\d+)-" + d + "-unsigned");
      for (String name : DebianArchive.packageNames("linux-image-" + series + ".", p)) {
        if (DebianArchive.versions(name).contains(selector)) {
          return name;
        }
      }
      throw new UserError("no Debian kernel package " + abi + " and no package at version " + selector);
    }
    if (selector.matches("\\d+\\.\\d+\\.\\d+")) {
      Pattern p = Pattern.compile("linux-image-" + Pattern.quote(selector) + "\\+deb\\d+-" + d + "-unsigned");
      return DebianArchive.packageNames("linux-image-" + selector, p).stream()
          .max(NaturalOrder.INSTANCE)
          .orElseThrow(() -> new UserError("no Debian kernel package for " + selector
              + " on " + arch.debianName()));
    }
    throw new UserError("debian:" + selector + ": say a series (6.1, 6.12), an ABI (6.1.0-47), "
        + "a version (6.12.107, 6.1.170-3) or a package name");
  }

  private static String versionFor(String selector, String pkg) {
    if (selector.matches("\\d+\\.\\d+\\.\\d+-\\d+") && !pkg.contains(selector)) {
      return selector;
    }
    String v = DebianArchive.candidateVersion(pkg);
    if (v == null) {
      throw new UserError("apt knows no version of " + pkg + " (run apt-get update)");
    }
    return v;
  }

  private static void requireKnown(String pkg) {
    if (DebianArchive.candidateVersion(pkg) == null) {
      throw new UserError("apt does not know the package " + pkg + " (run apt-get update)");
    }
  }
}
