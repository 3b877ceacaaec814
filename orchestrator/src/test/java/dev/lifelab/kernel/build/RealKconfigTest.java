package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropped options as the real Kconfig of Debian's 6.1 source drops them: tinyconfig, a fragment
 * with impossible requests, olddefconfig. Takes about half a minute (a minute more the first time,
 * to unpack the source into lifelab's cache).
 */
class RealKconfigTest {
  private static Path configsDir;

  @BeforeAll
  static void configs() {
    configsDir = Fragments.defaultConfigsDir();
  }

  @Test
  void optionsWithUnmetDependenciesAreReportedByNameWithTheCulprits(@TempDir Path dir)
      throws Exception {
    Path frag = Files.writeString(dir.resolve("impossible.config"), """
        # KASAN without asking for SLUB: tinyconfig's SLOB stays and KASAN cannot be had
        CONFIG_KASAN=y
        # mtd character devices without MTD
        # CONFIG_MTD is not set
        CONFIG_MTD_PHYSMAP=y
        # an option that exists in no kernel
        CONFIG_LIFELAB_NO_SUCH_OPTION=y
        # asked off and really off: not reported
        # CONFIG_IPV6 is not set
        CONFIG_PRINTK=y
        """);
    BuildRequest req = new BuildRequest("debian-src:6.1", new KernelSource.Debian("6.1"), "arm64",
        List.of(frag.toString()), configsDir, BuildCache.defaultRoot(), 2,
        BuildRequest.DEFAULT_TIMEOUT, false);

    KernelBuilder.ConfigResult r = new KernelBuilder(BuildListener.silent())
        .configure(req, dir.resolve("obj"));

    Map<String, ConfigVerifier.Dropped> bySymbol = r.dropped().stream()
        .collect(Collectors.toMap(ConfigVerifier.Dropped::symbol, d -> d));
    assertThat(bySymbol).containsOnlyKeys("KASAN", "MTD_PHYSMAP", "LIFELAB_NO_SUCH_OPTION");
    assertThat(bySymbol.get("KASAN").reason()).contains("SLUB=n").contains("lib/Kconfig.kasan");
    assertThat(bySymbol.get("MTD_PHYSMAP").reason()).contains("MTD=n");
    assertThat(bySymbol.get("LIFELAB_NO_SUCH_OPTION").reason()).contains("not defined");
    // the same facts, read from the .config Kconfig wrote
    ConfigOptions written = ConfigOptions.read(r.dotConfig());
    assertThat(written.effective("KASAN")).isEqualTo("n");
    assertThat(written.effective("PRINTK")).isEqualTo("y");
  }
}
