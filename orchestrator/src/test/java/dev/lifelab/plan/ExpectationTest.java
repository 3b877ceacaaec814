package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.result.Verdict;
import org.junit.jupiter.api.Test;

class ExpectationTest {
  @Test
  void aPrefixMatchesItsSeriesOnly() {
    Expectation e = new Expectation("6.1", Verdict.HANG, null);
    assertThat(e.appliesTo("6.1.0-47-amd64")).isTrue();
    assertThat(e.appliesTo("6.1.192")).isTrue();
    assertThat(e.appliesTo("6.12.117+deb12-amd64")).isFalse();
  }

  @Test
  void boundsCompareVersionsByTheirNumbers() {
    assertThat(new Expectation(">=6.1.47", Verdict.PASS, null).appliesTo("6.1.192")).isTrue();
    assertThat(new Expectation(">=6.1.47", Verdict.PASS, null).appliesTo("6.1.9")).isFalse();
    assertThat(new Expectation("<6.5", Verdict.FAIL, null).appliesTo("6.12.117+deb12-arm64")).isFalse();
    assertThat(new Expectation("<6.5", Verdict.FAIL, null).appliesTo("6.4.16")).isTrue();
  }

  @Test
  void noKernelMeansEveryKernel() {
    assertThat(new Expectation(null, Verdict.PASS, null).appliesTo("5.10.0")).isTrue();
  }

  @Test
  void nonsenseBoundsAreRejected() {
    assertThatThrownBy(() -> new Expectation("newest", Verdict.PASS, null).check(dev.lifelab.common.Checks.root()))
        .hasMessageContaining("must look like 6.1");
  }

  @Test
  void debianReleasesAreComparedByTheUpstreamVersionTheyCarry() {
    var debian = new dev.lifelab.result.KernelInfo("debian:6.1", "6.1.0-57-arm64",
        "#1 SMP Debian 6.1.192-3 (2026-10-30)", "arm64", null, "linux-image-6.1.0-57-arm64-unsigned 6.1.192-3");
    assertThat(debian.upstreamVersion()).isEqualTo("6.1.192");
    assertThat(new Expectation(">=6.1.47", Verdict.PASS, null).appliesTo(debian.upstreamVersion())).isTrue();
    var built = new dev.lifelab.result.KernelInfo("debian-src:6.12", "6.12.117", null, "arm64", "abc",
        "linux-source-6.12 6.12.117 + lifetime-debug");
    assertThat(built.upstreamVersion()).isEqualTo("6.12.117");
  }
}
