package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KconfigExprTest {
  private final ConfigOptions config = ConfigOptions.parse(List.of(
      "CONFIG_SLUB=y", "CONFIG_SYSFS=y", "# CONFIG_SLAB is not set", "CONFIG_GPIOLIB=m",
      "CONFIG_HZ=250", "CONFIG_ARCH=\"arm64\""));

  @Test
  void evaluatesTristateLogic() {
    assertThat(KconfigExpr.parse("SLUB && SYSFS").eval(config)).isEqualTo(2);
    assertThat(KconfigExpr.parse("SLUB && GPIOLIB").eval(config)).isEqualTo(1);
    assertThat(KconfigExpr.parse("(SLUB && SYSFS) || (SLAB && !DEBUG_SLAB)").eval(config))
        .isEqualTo(2);
    assertThat(KconfigExpr.parse("!SLUB").eval(config)).isEqualTo(0);
    assertThat(KconfigExpr.parse("SLAB || COMPILE_TEST").eval(config)).isEqualTo(0);
  }

  @Test
  void evaluatesComparisons() {
    assertThat(KconfigExpr.parse("HZ >= 100").eval(config)).isEqualTo(2);
    assertThat(KconfigExpr.parse("HZ = 1000").eval(config)).isEqualTo(0);
    assertThat(KconfigExpr.parse("ARCH = \"arm64\"").eval(config)).isEqualTo(2);
    assertThat(KconfigExpr.parse("SLAB != y").eval(config)).isEqualTo(2);
  }

  @Test
  void macrosCannotBeEvaluatedAndCountAsTrue() {
    assertThat(KconfigExpr.parse("$(cc-option,-fsanitize=kernel-address) && SLUB").eval(config))
        .isEqualTo(2);
  }

  @Test
  void blamesOnlyTheSymbolsThatMakeItFalse() {
    assertThat(KconfigExpr.parse("SYSFS && SLAB && !SLUB").blame(config))
        .containsExactly("SLAB", "SLUB");
    assertThat(KconfigExpr.parse("(SLAB && SYSFS) || COMPILE_TEST").blame(config))
        .containsExactly("SLAB", "COMPILE_TEST");
  }
}
