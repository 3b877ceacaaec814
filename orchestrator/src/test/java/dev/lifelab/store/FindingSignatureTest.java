package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingSignatureTest {
  @Test
  void sameBugOnOtherKernelsGetsTheSameSignature() {
    assertThat(FindingSignature.of("KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90"))
        .isEqualTo(FindingSignature.of("KASAN: use-after-free Read in mtd_proc_show+0x30/0x98"))
        .isEqualTo("KASAN: use-after-free Read in mtd_proc_show");
    assertThat(FindingSignature.of("WARNING in i2c_del_adapter.part.0"))
        .isEqualTo("WARNING in i2c_del_adapter");
    assertThat(FindingSignature.of("BUG: unable to handle page fault for address"
        + " ffff888012345678 in mtd_proc_show.cold"))
        .isEqualTo("BUG: unable to handle page fault for address ADDR in mtd_proc_show");
    assertThat(FindingSignature.of("INFO: task cat:312 blocked for more than 120 seconds."))
        .isEqualTo("INFO: task cat:N blocked for more than N seconds.");
  }

  @Test
  void identifiersWithDigitsStayApart() {
    assertThat(FindingSignature.of("WARNING in i2c_dw_remove"))
        .isNotEqualTo(FindingSignature.of("WARNING in i3c_dw_remove"));
    assertThat(FindingSignature.of("kobject: 'mtd0' refcount underflow"))
        .contains("mtd0");
    assertThat(FindingSignature.of(null)).isNull();
  }
}
