package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TftpStagingTest {
  @TempDir Path dir;

  @Test
  void theRunsFilesAreReadableByTheTftpServerUnderAPerRunNameAndGoneAfterClose() throws Exception {
    Path root = Files.createDirectories(dir.resolve("srv/tftp"));
    Path kernel = Files.writeString(dir.resolve("vmlinuz-6.1.0-57-arm64"), "kernel");
    Path initrd = Files.writeString(dir.resolve("initrd.gz"), "initrd");
    Files.setPosixFilePermissions(kernel, PosixFilePermissions.fromString("rw-------"));
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("Image", kernel);
    files.put("initrd.gz", initrd);
    Path staged;
    try (TftpStaging s = TftpStaging.stage(root, "20261128-140920-virtio-plan-board-debian:6.1", files)) {
      // A ':' would read as "server:file" to tftpboot.
      assertThat(s.name("Image")).isEqualTo("lifelab/20261128-140920-virtio-plan-board-debian-6.1/Image");
      staged = root.resolve(s.name("Image"));
      assertThat(staged).hasContent("kernel");
      assertThat(Files.getPosixFilePermissions(staged)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(Files.getPosixFilePermissions(staged.getParent())).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
      assertThat(root.resolve(s.name("initrd.gz"))).hasContent("initrd");
    }
    assertThat(staged).doesNotExist();
    assertThat(staged.getParent()).doesNotExist();
    assertThat(kernel).exists();
  }

  @Test
  void runNamesAreKeptShortForUBootsBuffers() {
    assertThat(TftpStaging.runId("x".repeat(100))).hasSize(60);
    assertThat(TftpStaging.runId("../../etc")).isEqualTo("etc");
  }
}
