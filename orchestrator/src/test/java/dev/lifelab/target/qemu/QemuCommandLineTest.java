package dev.lifelab.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuCommandLineTest {
  private static final List<String> QEMU = List.of("qemu-system-aarch64", "-M", "virt");

  @Test
  void withoutANicenessQemuRunsAsItIs() {
    assertThat(QemuCommandLine.withNice(QEMU, null)).isEqualTo(QEMU);
    assertThat(QemuCommandLine.withNice(QEMU, " ")).isEqualTo(QEMU);
  }

  @Test
  void aNicenessRunsQemuUnderNice() {
    assertThat(QemuCommandLine.withNice(QEMU, "-10"))
        .containsExactly("nice", "-n", "-10", "qemu-system-aarch64", "-M", "virt");
  }

  @Test
  void aBadNicenessNamesTheVariable() {
    for (String bad : List.of("fast", "-21", "20")) {
      assertThatThrownBy(() -> QemuCommandLine.withNice(QEMU, bad)).isInstanceOf(UserError.class)
          .hasMessageContaining("LIFELAB_QEMU_NICE=" + bad);
    }
  }
}
