package dev.lifelab.kernel;

import dev.lifelab.common.Hashing;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kernels the developer already has: an Image/bzImage file, a directory holding one (with
 * {@code lib/modules/RELEASE} from {@code make modules_install INSTALL_MOD_PATH=DIR}), or a
 * kernel build tree ({@code arch/ARCH/boot/...}).
 */
public final class LocalKernels {
  private LocalKernels() {}

  public static KernelImage open(KernelSpec.LocalPath spec, Arch arch) {
    Path path = spec.path().toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new UserError("--kernel " + spec.text() + ": no such file or directory");
    }
    Path image = Files.isDirectory(path) ? findImage(path, arch) : path;
    String release = releaseOf(image, arch);
    Path modules = spec.modules() != null ? spec.modules().toAbsolutePath()
        : findModules(Files.isDirectory(path) ? path : path.getParent(), release);
    if (modules != null && !Files.exists(modules.resolve("modules.dep"))) {
      throw new UserError(modules + ": no modules.dep (run depmod, or make modules_install)");
    }
    Path config = Files.isDirectory(path) ? firstExisting(path.resolve(".config"),
        path.resolve("boot/config-" + release)) : firstExisting(path.resolveSibling("config-" + release));
    return new KernelImage(spec.text(), arch.kernelName(), release, image, modules, config,
        "local " + image, config == null ? null : Hashing.shortSha256(config));
  }

  private static Path findImage(Path dir, Arch arch) {
    List<Path> candidates = List.of(
        dir.resolve("arch/" + arch.kernelName().replace("x86_64", "x86") + "/boot/" + arch.imageName()),
        dir.resolve(arch.imageName()),
        dir.resolve("boot/" + arch.imageName()));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return c;
      }
    }
    try (Stream<Path> s = Files.list(dir.resolve("boot").toFile().isDirectory() ? dir.resolve("boot") : dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("vmlinuz")).findFirst()
          .orElseThrow(() -> new UserError(dir + ": no " + arch.imageName() + " or vmlinuz-* in it"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findModules(Path dir, String release) {
    if (dir == null || release == null) {
      return null;
    }
    for (Path c : List.of(dir.resolve("lib/modules/" + release), dir.resolve("modules/lib/modules/" + release))) {
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  private static Path firstExisting(Path... paths) {
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The release string built into the image: x86 bzImage points to it from its setup header,
   * an arm64 Image is uncompressed and holds "Linux version RELEASE".
   */
  static String releaseOf(Path image, Arch arch) {
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
      if (arch == Arch.X86_64 && f.length() > 0x300) {
        f.seek(0x202);
        byte[] magic = new byte[4];
        f.readFully(magic);
        if (new String(magic, StandardCharsets.US_ASCII).equals("HdrS")) {
          f.seek(0x20E);
          int offset = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
          f.seek(offset + 0x200L);
          byte[] buf = new byte[128];
          f.readFully(buf);
          String s = new String(buf, StandardCharsets.US_ASCII);
          return s.substring(0, s.indexOf(' ') > 0 ? s.indexOf(' ') : s.indexOf('\0'));
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read kernel image " + image + ": " + e.getMessage(), e);
    }
    return scanForLinuxVersion(image);
  }

  private static String scanForLinuxVersion(Path image) {
    byte[] needle = "Linux version ".getBytes(StandardCharsets.US_ASCII);
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(image), 1 << 20)) {
      int matched = 0;
      for (int b; (b = in.read()) >= 0; ) {
        if (b == needle[matched]) {
          if (++matched == needle.length) {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) > ' ' && sb.length() < 100; ) {
              sb.append((char) c);
            }
            // printk format strings contain "Linux version %s"; the real banner has no '%'.
            if (sb.length() > 0 && sb.indexOf("%") < 0) {
              return sb.toString();
            }
            matched = 0;
          }
        } else {
          matched = b == needle[0] ? 1 : 0;
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read kernel image " + image + ": " + e.getMessage(), e);
    }
    return null;
  }
}
