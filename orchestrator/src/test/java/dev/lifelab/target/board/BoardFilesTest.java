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
