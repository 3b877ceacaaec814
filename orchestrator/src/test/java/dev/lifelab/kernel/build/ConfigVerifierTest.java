package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification against a small Kconfig tree laid out the way the kernel's is. */
class ConfigVerifierTest {
  @TempDir Path tree;

  @BeforeEach
  void kconfigTree() throws Exception {
    Files.createDirectories(tree.resolve("arch/arm64"));
    Files.createDirectories(tree.resolve("drivers/i2c"));
    Files.writeString(tree.resolve("Kconfig"), """
        mainmenu "Test"
        source "arch/$(SRCARCH)/Kconfig"
        config SLUB
        \tbool "SLUB"
        config SYSFS
        \tbool "sysfs" if EXPERT
        config EXPERT
        \tbool "expert"
        config KASAN
        \tbool "KASAN"
        \tdepends on HAVE_ARCH_KASAN
        \tdepends on (SLUB && SYSFS) || \\
        \t\t   (SLAB && !DEBUG_SLAB)
        \thelp
        \t  Text that mentions depends on NOTHING and
        \t  config FAKE lines, which are not entries.

        config STACKDEPOT
        \tbool
        config WIRELESS
        \tbool "Wireless"
        \tdefault y
        config WLAN
        \tbool "WLAN"
        \tselect WIRELESS if SLUB
        menuconfig I2C
        \ttristate "I2C"
        if I2C
        source "drivers/i2c/Kconfig"
        endif
        menu "Debug"
        \tdepends on DEBUG_KERNEL
        config DEBUG_OBJECTS
        \tbool "objects"
        endmenu
        """);
    Files.writeString(tree.resolve("arch/arm64/Kconfig"), """
        config HAVE_ARCH_KASAN
        \tdef_bool y
        source "drivers/gpio/Kconfig"
        rsource "Kconfig.platforms"
        """);
    Files.writeString(tree.resolve("arch/arm64/Kconfig.platforms"), "config ARCH_VIRT\n\tbool \"virt\"\n");
    Files.createDirectories(tree.resolve("drivers/gpio"));
    Files.writeString(tree.resolve("drivers/gpio/Kconfig"), """
        menuconfig GPIOLIB
        \tbool "GPIO Support"
        if GPIOLIB
        config GPIO_PL061
        \ttristate "PrimeCell PL061 GPIO support"
        \tdepends on ARM_AMBA
        endif
        """);
    Files.writeString(tree.resolve("drivers/i2c/Kconfig"), """
        config I2C_CHARDEV
        \ttristate "I2C device interface" # the /dev/i2c-N nodes
        """);
  }

  private List<ConfigVerifier.Dropped> check(String requested, String actual) {
    return ConfigVerifier.check(ConfigOptions.parse(requested.lines().toList()),
        ConfigOptions.parse(actual.lines().toList()), () -> KconfigIndex.load(tree, "arm64"));
  }

  @Test
  void indexFollowsSourceAndBlocks() {
    KconfigIndex idx = KconfigIndex.load(tree, "arm64");
    assertThat(idx.isDefined("HAVE_ARCH_KASAN")).isTrue();
    assertThat(idx.isDefined("FAKE")).isFalse();
    // source is relative to the top of the tree even from a nested file, rsource is not
    assertThat(idx.definitions("GPIO_PL061").get(0).depends()).containsExactly("GPIOLIB", "ARM_AMBA");
    assertThat(idx.isDefined("ARCH_VIRT")).isTrue();
    assertThat(idx.definitions("I2C_CHARDEV").get(0).depends()).containsExactly("I2C");
    assertThat(idx.definitions("I2C_CHARDEV").get(0).where()).isEqualTo("drivers/i2c/Kconfig:1");
    assertThat(idx.definitions("DEBUG_OBJECTS").get(0).depends()).containsExactly("DEBUG_KERNEL");
    assertThat(idx.definitions("KASAN").get(0).depends()).hasSize(2);
    assertThat(idx.definitions("STACKDEPOT").get(0).hasPrompt()).isFalse();
  }

  @Test
  void nothingReportedWhenEveryOptionIsAsRequested() {
    assertThat(check("CONFIG_SLUB=y\n# CONFIG_SLOB is not set\nCONFIG_HZ=0x10\nCONFIG_I2C=m",
        "CONFIG_SLUB=y\nCONFIG_HZ=16\nCONFIG_I2C=y")).isEmpty();
  }

  @Test
  void droppedOptionIsNamedWithTheUnmetDependency() {
    List<ConfigVerifier.Dropped> d = check("CONFIG_KASAN=y\n# CONFIG_SLUB is not set",
        "CONFIG_SYSFS=y\nCONFIG_HAVE_ARCH_KASAN=y");
    assertThat(d).hasSize(1);
    assertThat(d.get(0).symbol()).isEqualTo("KASAN");
    assertThat(d.get(0).actual()).isEqualTo("n");
    assertThat(d.get(0).reason()).contains("SLUB=n").contains("SLAB=n")
        .doesNotContain("SYSFS=").doesNotContain("HAVE_ARCH_KASAN=");
    assertThat(d.get(0).toString()).startsWith("CONFIG_KASAN: requested y, got n");
  }

  @Test
  void enclosingIfAndMenuConditionsAreReported() {
    List<ConfigVerifier.Dropped> d = check("CONFIG_I2C_CHARDEV=y\nCONFIG_DEBUG_OBJECTS=y", "");
    assertThat(d).extracting(ConfigVerifier.Dropped::symbol)
        .containsExactly("I2C_CHARDEV", "DEBUG_OBJECTS");
    assertThat(d.get(0).reason()).contains("depends on I2C where I2C=n")
        .contains("drivers/i2c/Kconfig:1");
    assertThat(d.get(1).reason()).contains("DEBUG_KERNEL=n");
  }

  @Test
  void hiddenPromptsAndPromptlessSymbolsAreExplained() {
    List<ConfigVerifier.Dropped> d = check("CONFIG_SYSFS=y\nCONFIG_STACKDEPOT=y", "");
    assertThat(d.get(0).reason()).contains("prompt only visible if EXPERT where EXPERT=n");
    assertThat(d.get(1).reason()).contains("no prompt");
  }

  @Test
  void optionsThatCannotBeTurnedOffNameWhatSelectsThem() {
    List<ConfigVerifier.Dropped> d = check("# CONFIG_WIRELESS is not set", "CONFIG_WIRELESS=y\nCONFIG_WLAN=y");
    assertThat(d).hasSize(1);
    assertThat(d.get(0).toString()).contains("requested n, got y").contains("selected by WLAN=y");
  }

  @Test
  void unknownSymbolsAreCalledOut() {
    List<ConfigVerifier.Dropped> d = check("CONFIG_MTD_CHAR=y\n# CONFIG_SLUB_TINY is not set", "");
    // asking for an option to be off that this kernel does not have is fine
    assertThat(d).extracting(ConfigVerifier.Dropped::symbol).containsExactly("MTD_CHAR");
    assertThat(d.get(0).reason()).contains("not defined");
  }

  @Test
  void verifyFailsWithEveryDroppedOptionInTheMessage() throws Exception {
    Path dotConfig = Files.writeString(tree.resolve(".config"), "CONFIG_SLUB=y\n");
    ConfigOptions req = ConfigOptions.parse(List.of("CONFIG_I2C_CHARDEV=y", "CONFIG_KASAN=y"));
    assertThatThrownBy(() -> ConfigVerifier.verify(req, dotConfig,
        () -> KconfigIndex.load(tree, "arm64"), List.of("lifetime-debug")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("2 option(s) requested by lifetime-debug")
        .hasMessageContaining("CONFIG_I2C_CHARDEV: requested y, got n")
        .hasMessageContaining("CONFIG_KASAN: requested y, got n");
  }
}
