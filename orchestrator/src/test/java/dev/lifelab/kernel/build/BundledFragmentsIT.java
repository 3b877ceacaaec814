package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled fragments survive olddefconfig on both Debian kernels and both architectures
 * (configuration only, no compile: about a minute each, more the first time a source is unpacked).
 */
class BundledFragmentsIT {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "6.1, arm64, lifetime-debug",
    "6.1, x86_64, lifetime-debug",
    "6.12, arm64, lifetime-debug",
    "6.12, x86_64, lifetime-debug",
    "6.12, arm64, lifetime-debug+lockdep+nokasan",
  })
  void everyRequestedOptionIsSet(String series, String arch, String fragments) {
    BuildRequest req = BuildRequest.fromSpec("debian-src:" + series, arch)
        .withFragments(List.of(fragments.split("\\+")));
    KernelBuilder.ConfigResult r = new KernelBuilder(BuildListener.silent())
        .configure(req, dir.resolve("obj"));
    assertThat(r.dropped()).isEmpty();
    ConfigOptions c = ConfigOptions.read(r.dotConfig());
    assertThat(c.get("DEBUG_KOBJECT_RELEASE")).isEqualTo("y");
    assertThat(c.effective("KASAN")).isEqualTo(fragments.contains("nokasan") ? "n" : "y");
  }
}
