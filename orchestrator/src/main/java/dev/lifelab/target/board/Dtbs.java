package dev.lifelab.target.board;

import dev.lifelab.kernel.KernelImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a board's dtb among the files of its kernel: a kernel build tree
 * ({@code arch/arm64/boot/dts/renesas/...}), an install next to the Image ({@code dtbs/}, as
 * {@code make dtbs_install INSTALL_DTBS_PATH=DIR/dtbs} leaves it), or a Debian kernel package
 * ({@code usr/lib/linux-image-RELEASE/renesas/...}).
 */
public final class Dtbs {
  private Dtbs() {}

  /** Where {@code name} (e.g. {@code renesas/r8a77951-salvator-xs.dtb}) is looked for, in order. */
  public static List<Path> candidates(KernelImage kernel, String name) {
    Path n = Path.of(name);
    if (n.isAbsolute()) {
      return List.of(n);
    }
    Path imageDir = kernel.image().toAbsolutePath().getParent();
    List<Path> c = new ArrayList<>();
    c.add(imageDir.resolve("dts").resolve(n));
    c.add(imageDir.resolve("dtbs").resolve(n));
    if (imageDir.getParent() != null && kernel.release() != null) {
      c.add(imageDir.getParent().resolve("usr/lib/linux-image-" + kernel.release()).resolve(n));
    }
    c.add(imageDir.resolve(n.getFileName()));
    return c;
  }

  public static Optional<Path> find(KernelImage kernel, String name) {
    return candidates(kernel, name).stream().filter(Files::isRegularFile).findFirst();
  }
}
