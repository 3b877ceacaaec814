package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
  @Test
  void kernelReleasesSortNaturally() {
    List<String> expected = List.of(
        "6.1.0-9-arm64",
        "6.1.0-47-arm64",
        "6.1.0-50-arm64",
        "6.1.192",
        "6.9.12",
        "6.12.107",
        "6.13-rc1",
        "6.13-rc7",
        "6.13",
        "6.13.1");
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new java.util.Random(42));
    shuffled.sort(VersionOrder.INSTANCE);
    assertThat(shuffled).containsExactlyElementsOf(expected);
  }

  @Test
  void comparisonIsConsistent() {
    assertThat(VersionOrder.compareVersions("6.1.0-47", "6.1.0-50")).isNegative();
    assertThat(VersionOrder.compareVersions("6.1.0-50", "6.12.107")).isNegative();
    assertThat(VersionOrder.compareVersions("6.12.107", "6.1.0-50")).isPositive();
    assertThat(VersionOrder.compareVersions("6.1", "6.1")).isZero();
    assertThat(VersionOrder.compareVersions("6.1.0-047", "6.1.0-47")).isNotZero();
    assertThat(VersionOrder.compareVersions(null, "6.1")).isNegative();
  }
}
