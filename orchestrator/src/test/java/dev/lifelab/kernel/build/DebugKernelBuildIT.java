package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernel.KernelImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builds the default debug kernel (Debian 6.1, arm64, lifetime-debug) for real, or reuses it from
 * lifelab's cache. Cold: about 10 minutes on 2 idle cores (30+ when the machine is busy); reused: seconds.
 */
class DebugKernelBuildIT {

  @Test
  void debianSixOneArm64DebugKernelHasEveryRequestedOption() throws Exception {
    BuildRequest req = BuildRequest.fromSpec("debian-src:6.1", "arm64");
    KernelImage k = new KernelBuilder().build(req);

    assertThat(k.spec()).isEqualTo("debian-src:6.1");
    assertThat(k.arch()).isEqualTo("arm64");
    assertThat(k.source()).matches("linux-source-6\\.1 6\\.1\\.\\d+ \\+ lifetime-debug");
    String upstream = k.source().split(" ")[1];
    assertThat(k.release()).startsWith(upstream);

    // Every option the fragments request is in the .config the kernel was built from.
    ConfigOptions config = ConfigOptions.read(k.config());
    ConfigOptions requested = ConfigOptions.merge(
        Fragments.resolve("lifetime-debug", "arm64", req.configsDir()).files());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : requested.asMap().entrySet()) {
      if (!ConfigVerifier.satisfied(e.getValue(), config.effective(e.getKey()))) {
        wrong.add(e.getKey() + "=" + config.effective(e.getKey()) + " (wanted " + e.getValue() + ")");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(config.get("KASAN")).isEqualTo("y");
    assertThat(config.get("DEBUG_KOBJECT_RELEASE")).isEqualTo("y");
    assertThat(k.configHash()).isEqualTo(KernelBuilder.configHash(k.config())).hasSize(12);

    // An arm64 Image: "ARM\x64" magic at offset 0x38 of its header.
    try (InputStream in = Files.newInputStream(k.image())) {
      byte[] head = in.readNBytes(0x3c);
      assertThat(new String(head, 0x38, 4, "ISO-8859-1")).isEqualTo("ARM\u0064");
    }
    assertThat(k.modulesDir().getFileName().toString()).isEqualTo(k.release());
    assertThat(k.modulesDir().resolve("modules.dep")).isRegularFile();
    assertThat(k.modulesDir().resolve("modules.builtin")).isRegularFile();
    assertThat(Files.readString(k.modulesDir().resolve("modules.builtin")))
        .contains("physmap.ko").contains("mtd.ko");

    // The same request again comes from the cache, quickly and identically.
    long t0 = System.nanoTime();
    List<Path> reused = new ArrayList<>();
    KernelImage again = new KernelBuilder(new BuildListener() {
      @Override
      public void reused(Path entry) {
        reused.add(entry);
      }
    }).build(req);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    assertThat(reused).hasSize(1);
    assertThat(again).isEqualTo(k);
  }
}
