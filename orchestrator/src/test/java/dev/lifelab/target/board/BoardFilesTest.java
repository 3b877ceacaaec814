package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernel.KernelImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardFilesTest {
  @TempDir Path dir;

  static byte[] arm64Header() {
    byte[] h = new byte[64];
    h[0x38] = 'A';
    h[0x39] = 'R';
    h[0x3a] = 'M';
    h[0x3b] = 0x64;
    return h;
  }

  @Test
  void onlyAnUncompressedArm64ImageIsTakenForBooti() throws Exception {
    Path image = Files.write(dir.resolve("Image"), arm64Header());
    assertThat(BoardFiles.isArm64Image(image)).isTrue();
    Path gz = dir.resolve("Image.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(arm64Header());
    }
    assertThat(BoardFiles.isArm64Image(gz)).isFalse();
    assertThat(BoardFiles.isArm64Image(dir.resolve("missing"))).isFalse();
  }

  @Test
  void theInitramfsIsCompressedOnceNextToItAndUnpacksToTheSameBytes() throws Exception {
    byte[] cpio = new byte[300_000];
    for (int i = 0; i < cpio.length; i++) {
      cpio[i] = (byte) (i % 251 < 40 ? i : 0);
    }
    Path images = Files.createDirectories(dir.resolve("images/6.1.0-57-arm64-abc"));
    Path initrd = Files.write(images.resolve("initrd.cpio"), cpio);
    Path gz = BoardFiles.gzipped(initrd);
    assertThat(gz).isEqualTo(images.resolve("initrd.cpio.gz"));
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(cpio);
    }
    assertThat(Files.size(gz)).isLessThan(cpio.length / 2);
    Files.setLastModifiedTime(gz, java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(BoardFiles.gzipped(initrd)).isEqualTo(gz);
    assertThat(Files.getLastModifiedTime(gz).toMillis()).as("made once").isZero();
    try (var left = Files.list(images)) {
      assertThat(left).containsExactlyInAnyOrder(initrd, gz);
    }
  }

  @Test
  void theDtbIsFoundInAKernelBuildTree() throws Exception {
    Path boot = Files.createDirectories(dir.resolve("linux/arch/arm64/boot"));
    Files.write(boot.resolve("Image"), arm64Header());
    Path dtb = Files.createDirectories(boot.resolve("dts/renesas")).resolve("r8a77951-salvator-xs.dtb");
    Files.writeString(dtb, "dtb");
    KernelImage k = kernel(boot.resolve("Image"), "6.12.117");
    assertThat(Dtbs.find(k, "renesas/r8a77951-salvator-xs.dtb")).contains(dtb);
  }

  @Test
  void theDtbIsFoundInADebianKernelPackage() throws Exception {
    Path root = dir.resolve("pkg");
    Path image = Files.createDirectories(root.resolve("boot")).resolve("vmlinuz-6.12.117-arm64");
    Files.write(image, arm64Header());
    Path dtb = Files.createDirectories(root.resolve("usr/lib/linux-image-6.12.117-arm64/renesas"))
        .resolve("r8a779g0-white-hawk.dtb");
    Files.writeString(dtb, "dtb");
    KernelImage k = kernel(image, "6.12.117-arm64");
    assertThat(Dtbs.find(k, "renesas/r8a779g0-white-hawk.dtb")).contains(dtb);
    assertThat(Dtbs.find(k, "renesas/r8a77990-ebisu.dtb")).isEmpty();
    assertThat(Dtbs.candidates(k, "renesas/r8a77990-ebisu.dtb")).contains(
        root.resolve("usr/lib/linux-image-6.12.117-arm64/renesas/r8a77990-ebisu.dtb"));
  }

  private static KernelImage kernel(Path image, String release) {
    return new KernelImage("local", "arm64", release, image, null, null, "local " + image, null);
  }
}
