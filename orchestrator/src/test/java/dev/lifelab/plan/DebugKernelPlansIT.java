package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Plans on the lifetime-debug kernel built from Debian's linux-source-6.1 (built on first use,
 * then taken from the cache): the bugs stock kernels hide become reports.
 */
class DebugKernelPlansIT {

  @Test
  void mtdUnbindWhileOpenIsAKasanUseAfterFreeInAnMtdFunction() {
    RunResult r = StockKernelPlansIT.run("qemu-arm64-virt", "debian-src:6.1", "mtd-unbind-while-open");
    assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.FAIL);
    assertThat(r.asExpected()).isTrue();
    Finding first = r.findings().get(0);
    assertThat(first.kind()).isEqualTo("kasan");
    assertThat(first.title()).startsWith("KASAN: use-after-free Read in mtd");
    assertThat(first.report()).contains("mtd_proc_show");
    assertThat(r.kernel().release()).startsWith("6.1.");
    assertThat(r.kernel().configHash()).isNotBlank();
    assertThat(r.kernel().source()).contains("linux-source-6.1");
  }
}
