package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentsTest {
  private final Path bundled = Fragments.defaultConfigsDir();

  @Test
  void plusAddsToTheDefaultAndAPlainNameStartsAnExplicitList() {
    assertThat(Fragments.names(List.of())).containsExactly("lifetime-debug");
    assertThat(Fragments.names(List.of("+kasan", "+lockdep")))
        .containsExactly("lifetime-debug", "kasan", "lockdep");
    assertThat(Fragments.names(List.of("kasan", "+lockdep"))).containsExactly("kasan", "lockdep");
    assertThatThrownBy(() -> Fragments.names(List.of("+"))).isInstanceOf(UserError.class);
  }

  @Test
  void bundledFragmentGetsItsArchitecturePart() {
    Fragments.Fragment arm = Fragments.resolve("lifetime-debug", "arm64", bundled);
    assertThat(arm.files()).extracting(p -> p.getFileName().toString())
        .containsExactly("lifetime-debug.config", "lifetime-debug.arm64.config");
    Fragments.Fragment x86 = Fragments.resolve("lifetime-debug", "x86_64", bundled);
    assertThat(x86.files().get(1).getFileName().toString()).isEqualTo("lifetime-debug.x86_64.config");
    assertThat(Fragments.resolve("lockdep", "arm64", bundled).files()).hasSize(1);
  }

  @Test
  void bundledFragmentsAskForWhatTheLifetimeTestsNeed() {
    ConfigOptions arm = ConfigOptions.merge(
        Fragments.resolve("lifetime-debug", "arm64", bundled).files());
    for (String sym : List.of("DEBUG_KOBJECT_RELEASE", "DEBUG_OBJECTS_TIMERS", "KASAN",
        "KASAN_GENERIC", "SLUB", "DETECT_HUNG_TASK", "MAGIC_SYSRQ", "KALLSYMS_ALL",
        "SERIAL_AMBA_PL011_CONSOLE", "VIRTIO_MMIO", "VIRTIO_NET", "HW_RANDOM_VIRTIO", "MTD_CFI",
        "MTD_PHYSMAP_OF", "I2C_CHARDEV", "I2C_GPIO", "GPIO_PL061", "MODULE_UNLOAD",
        "DEVTMPFS_MOUNT", "UNIX98_PTYS", "BLK_DEV_INITRD")) {
      assertThat(arm.get(sym)).as(sym).isEqualTo("y");
    }
    assertThat(arm.get("SLUB_TINY")).isEqualTo("n");
    assertThat(arm.get("SLOB")).isEqualTo("n");
    assertThat(Fragments.available(bundled)).contains("lifetime-debug", "kasan", "lockdep");
  }

  @Test
  void userFilesAreAcceptedAndUnknownNamesListTheBundledOnes(@TempDir Path dir) throws Exception {
    Path mine = Files.writeString(dir.resolve("mine.config"), "CONFIG_USB=y\n");
    assertThat(Fragments.resolve(mine.toString(), "arm64", bundled).files()).containsExactly(mine);
    assertThatThrownBy(() -> Fragments.resolve("nosuch", "arm64", bundled))
        .isInstanceOf(UserError.class).hasMessageContaining("lifetime-debug");
  }

  @Test
  void hashChangesWithContent(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("a.config"), "CONFIG_A=y\n");
    List<Fragments.Fragment> frags = List.of(Fragments.resolve(f.toString(), "arm64", bundled));
    String before = Fragments.contentHash(frags);
    assertThat(Fragments.contentHash(frags)).isEqualTo(before);
    Files.writeString(f, "CONFIG_A=n\n");
    assertThat(Fragments.contentHash(frags)).isNotEqualTo(before);
  }
}
