package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import dev.lifelab.kernel.Arch;
import java.time.Duration;
import java.util.List;

/**
 * Compiler and image names for one target architecture.
 *
 * @param arch the architecture built for; it names the compiler on this host
 * @param imageTarget make target of the bootable image
 * @param imagePath where that image lands, relative to the object directory
 */
record Toolchain(Arch arch, String imageTarget, String imagePath) {

  static Toolchain forArch(String arch) {
    Toolchain tc = switch (arch) {
      case "arm64" -> new Toolchain(Arch.ARM64, "Image", "arch/arm64/boot/Image");
      case "x86_64" -> new Toolchain(Arch.X86_64, "bzImage", "arch/x86/boot/bzImage");
      default -> throw new UserError("unsupported architecture " + arch);
    };
    tc.checkTools();
    return tc;
  }

  /** CROSS_COMPILE prefix, or null when building for the host's architecture. */
  String crossCompile() {
    return arch.crossCompile();
  }

  String gcc() {
    return arch.gcc();
  }

  /** First line of {@code gcc --version}: a compiler upgrade must not reuse old builds. */
  String compilerVersion() {
    String v = ProcessRunner.capture(null, Duration.ofSeconds(30), gcc(), "--version");
    return v == null ? "" : v.lines().findFirst().orElse("");
  }

  /** Fails early, naming the Debian packages to install, if a build tool is missing. */
  private void checkTools() {
    List<String[]> needed = List.of(
        new String[] {"make", "make"}, new String[] {"gcc", "gcc"},
        new String[] {gcc(), crossCompile() == null ? "gcc" : "gcc-" + arch.gnuTriplet()},
        new String[] {"flex", "flex"}, new String[] {"bison", "bison"}, new String[] {"bc", "bc"},
        new String[] {"depmod", "kmod"}, new String[] {"openssl", "openssl"},
        new String[] {"tar", "tar"}, new String[] {"xz", "xz-utils"});
    StringBuilder missing = new StringBuilder();
    for (String[] t : needed) {
      if (!onPath(t[0]) && missing.indexOf(" " + t[1]) < 0) {
        missing.append(' ').append(t[1]);
      }
    }
    if (missing.length() > 0) {
      throw new UserError("missing kernel build tools; install them with: apt-get install"
          + missing + " libssl-dev libelf-dev");
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
