package dev.lifelab.target.board;

import dev.lifelab.image.GuestImage;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.TargetStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The kernel, initramfs and dtb of one board boot, checked on the host (so a wrong file is
 * named here, not as a cryptic U-Boot message) and placed in the lab's TFTP root.
 */
final class BoardFiles implements AutoCloseable {
  static final String KERNEL = "Image";
  static final String INITRD = "initrd.gz";
  /** An arm64 Image carries "ARM\x64" at offset 0x38 (Documentation/arch/arm64/booting.rst). */
  private static final byte[] ARM64_MAGIC = {'A', 'R', 'M', 0x64};

  private final TftpStaging staging;
  private final BootMethod.BootFiles bootFiles;

  private BoardFiles(TftpStaging staging, BootMethod.BootFiles bootFiles) {
    this.staging = staging;
    this.bootFiles = bootFiles;
  }

  static BoardFiles stage(BoardTargetSpec spec, KernelImage kernel, GuestImage image, Path runDir)
      throws TargetStartException {
    if (!isArm64Image(kernel.image())) {
      throw new TargetStartException(BootStage.KERNEL, kernel.image() + " is not an uncompressed arm64 Image "
          + "(booti takes Image, not Image.gz or a zImage)", null, null);
    }
    Path initrd;
    try {
      initrd = gzipped(image.initrd());
    } catch (IOException e) {
      throw new TargetStartException(BootStage.TFTP, "cannot compress the initramfs " + image.initrd() + ": "
          + e.getMessage(), null, e);
    }
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(KERNEL, kernel.image());
    files.put(INITRD, initrd);
    String dtb = spec.boot().dtb();
    Path dtbFile = null;
    if (!BoardTargetSpec.Boot.FIRMWARE_DTB.equals(dtb)) {
      dtbFile = Dtbs.find(kernel, dtb).orElseThrow(() -> new TargetStartException(BootStage.KERNEL,
          "no dtb " + dtb + " for kernel " + kernel.release() + "; looked at " + Dtbs.candidates(kernel, dtb)
              + " (build it with the kernel: make dtbs)", null, null));
      files.put(dtbFile.getFileName().toString(), dtbFile);
    }
    Path root = spec.boot().tftpRoot();
    TftpStaging staging;
    try {
      staging = TftpStaging.stage(root, runDir.getFileName().toString(), files);
    } catch (IOException e) {
      throw new TargetStartException(BootStage.TFTP, "cannot place the boot files in tftp-root " + root + ": "
          + e.getMessage(), null, e);
    }
    try {
      return new BoardFiles(staging, new BootMethod.BootFiles(staging.name(KERNEL), Files.size(kernel.image()),
          staging.name(INITRD), Files.size(initrd),
          dtbFile == null ? null : staging.name(dtbFile.getFileName().toString())));
    } catch (IOException e) {
      staging.close();
      throw new TargetStartException(BootStage.TFTP, "cannot read the boot files: " + e.getMessage(), null, e);
    }
  }

  /**
   * The initramfs compressed with gzip, next to it in the image cache: a board fetches it over
   * the network, where its size counts (6.8 MB become 3.1 MB). Made on a board's first boot with
   * the image only; QEMU guests load the uncompressed archive.
   */
  static Path gzipped(Path initrd) throws IOException {
    Path gz = initrd.resolveSibling(initrd.getFileName() + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    Path tmp = Files.createTempFile(initrd.getParent(), ".initrd-", ".gz");
    try {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        Files.copy(initrd, out);
      }
      // another boot may have made it meanwhile: the same bytes, so either may stay
      Files.move(tmp, gz, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return gz;
  }

  static boolean isArm64Image(Path image) {
    try (InputStream in = Files.newInputStream(image)) {
      byte[] head = in.readNBytes(0x40);
      if (head.length < 0x3c) {
        return false;
      }
      for (int i = 0; i < 4; i++) {
        if (head[0x38 + i] != ARM64_MAGIC[i]) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  BootMethod.BootFiles bootFiles() {
    return bootFiles;
  }

  Path dir() {
    return staging.dir();
  }

  @Override
  public void close() {
    staging.close();
  }
}
