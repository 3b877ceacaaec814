package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive is read back by the host's own cpio, as the kernel would unpack it. */
class CpioWriterTest {
  @TempDir Path dir;

  @Test
  void hostCpioListsFilesLinksDevicesAndParents() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CpioWriter cpio = new CpioWriter(bytes)) {
      cpio.file("/etc/lifelab/modules", 0644, "virtio_net\n".getBytes(StandardCharsets.UTF_8));
      cpio.symlink("/bin/sh", "busybox");
      cpio.charDevice("/dev/console", 0600, 5, 1);
      cpio.file("/init", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    }
    Path archive = dir.resolve("a.cpio");
    Files.write(archive, bytes.toByteArray());
    Process p = new ProcessBuilder("cpio", "-itv", "-F", archive.toString()).redirectErrorStream(true).start();
    String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(listing).containsPattern("drwxr-xr-x .* etc\\n")
        .containsPattern("-rw-r--r-- .* etc/lifelab/modules")
        .containsPattern("lrwxrwxrwx .* bin/sh -> busybox")
        .containsPattern("crw------- .*5, +1 .* dev/console")
        .containsPattern("-rwxr-xr-x .* init");
    Process x = new ProcessBuilder("cpio", "-id", "-F", archive.toString()).directory(dir.toFile()).start();
    assertThat(x.waitFor()).isZero();
    assertThat(dir.resolve("etc/lifelab/modules")).hasContent("virtio_net");
  }
}
