package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigOptionsTest {
  @Test
  void readsValuesUnsetOptionsAndStrings() {
    ConfigOptions c = ConfigOptions.parse(List.of(
        "# comment", "CONFIG_KASAN=y", "# CONFIG_SLOB is not set", "CONFIG_CMDLINE=\"console=x\"",
        "CONFIG_DEFAULT_HUNG_TASK_TIMEOUT=30", "CONFIG_I2C_GPIO=m", ""));
    assertThat(c.get("KASAN")).isEqualTo("y");
    assertThat(c.get("SLOB")).isEqualTo("n");
    assertThat(c.get("CMDLINE")).isEqualTo("console=x");
    assertThat(c.get("DEFAULT_HUNG_TASK_TIMEOUT")).isEqualTo("30");
    assertThat(c.get("I2C_GPIO")).isEqualTo("m");
    assertThat(c.get("MISSING")).isNull();
    assertThat(c.effective("MISSING")).isEqualTo("n");
  }

  @Test
  void laterFragmentsOverrideEarlierOnes(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.config"), "CONFIG_KASAN=y\nCONFIG_SLUB=y\n");
    Path b = Files.writeString(dir.resolve("b.config"), "# CONFIG_KASAN is not set\n");
    ConfigOptions merged = ConfigOptions.merge(List.of(a, b));
    assertThat(merged.get("KASAN")).isEqualTo("n");
    assertThat(merged.get("SLUB")).isEqualTo("y");
  }
}
