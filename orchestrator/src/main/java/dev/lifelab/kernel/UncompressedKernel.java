package dev.lifelab.kernel;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Hashing;
import dev.lifelab.host.DebianArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ELF vmlinux inside an x86 bzImage. Under emulation the kernel decompressing itself takes
 * seconds (xz above all); QEMU can start an uncompressed kernel directly through its PVH entry
 * point instead (kernels built with CONFIG_PVH). Extracted once per image and cached.
 */
public final class UncompressedKernel {
  private static final Logger log = LoggerFactory.getLogger(UncompressedKernel.class);

  private record Format(byte[] magic, List<String> command) {}

  private static final List<Format> FORMATS = List.of(
      new Format(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, List.of("xz", "-dcq")),
      new Format(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, List.of("zstd", "-dcq")),
      new Format(new byte[] {0x1f, (byte) 0x8b, 0x08}, List.of("gzip", "-dcq")));

  private UncompressedKernel() {}

  /** The vmlinux of a PVH-capable x86 kernel, or empty to boot the bzImage as it is. */
  public static Optional<Path> of(KernelImage kernel) {
    if (!Arch.X86_64.kernelName().equals(kernel.arch()) || !hasPvh(kernel)) {
      return Optional.empty();
    }
    try {
      String key = Hashing.shortSha256(kernel.image() + "|" + Files.size(kernel.image()) + "|"
          + Files.getLastModifiedTime(kernel.image()));
      Path dir = Cache.dir("vmlinux").resolve(key);
      Path vmlinux = dir.resolve("vmlinux");
      if (Files.isRegularFile(vmlinux)) {
        return Optional.of(vmlinux);
      }
      byte[] image = Files.readAllBytes(kernel.image());
      for (Format f : FORMATS) {
        int at = indexOf(image, f.magic());
        if (at < 0) {
          continue;
        }
        Path tmp = Files.createTempDirectory(Cache.dir("vmlinux"), ".x-");
        if (decompress(image, at, f.command(), tmp.resolve("vmlinux"))) {
          DebianArchive.moveIntoPlace(tmp, dir);
          log.info("extracted the uncompressed kernel of {} for a direct (PVH) boot", kernel.release());
          return Optional.of(vmlinux);
        }
        DebianArchive.deleteTree(tmp);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract vmlinux from " + kernel.image(), e);
    }
  }

  private static boolean hasPvh(KernelImage kernel) {
    if (kernel.config() == null) {
      return false;
    }
    try {
      return Files.readAllLines(kernel.config()).contains("CONFIG_PVH=y");
    } catch (IOException e) {
      return false;
    }
  }

  /** Decompresses the payload; the stream ends before the image does, so the exit code is moot. */
  private static boolean decompress(byte[] image, int at, List<String> command, Path out) throws IOException {
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(image, at, image.length - at);
    } catch (IOException e) {
      // The decompressor stops reading at the end of its stream.
    }
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try (InputStream elf = Files.newInputStream(out)) {
      byte[] head = elf.readNBytes(4);
      return Files.size(out) > (1 << 20) && head.length == 4 && head[0] == 0x7f && head[1] == 'E'
          && head[2] == 'L' && head[3] == 'F';
    }
  }

  private static int indexOf(byte[] data, byte[] magic) {
    outer:
    for (int i = 0; i + magic.length <= data.length; i++) {
      for (int j = 0; j < magic.length; j++) {
        if (data[i + j] != magic[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
