package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.result.HangRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HangEvidenceTest {
  /** What the evidence script prints for a shell stuck writing to unbind (6.1, x86). */
  static final String OUTPUT = """
      == 127
      127 (sh) D 102 127 102 0 -1 4194560 126 0 0 0 0 1 0 0 20 0 1 0 1870 2478080 83 18446744073709551615
      wchan i2c_del_adapter
      [<0>] i2c_del_adapter+0x120/0x1b0
      [<0>] i801_remove+0x54/0xd0 [i2c_i801]
      [<0>] pci_device_remove+0x3c/0xa0
      [<0>] device_release_driver_internal+0x1ad/0x200
      [<0>] unbind_store+0xa1/0xb0
      [<0>] kernfs_fop_write_iter+0x11d/0x200
      [<0>] vfs_write+0x236/0x3e0
      [<0>] ksys_write+0x6b/0xf0
      [<0>] do_syscall_64+0x58/0xc0
      [<0>] entry_SYSCALL_64_after_hwframe+0x64/0xce
      ==sysrq
      [   19.24] lifelab: sysrq-w for step 2 at 1
      [   19.25] sysrq: Show Blocked State
      """;

  @Test
  void theBlockedTaskItsStateAndItsStackAreRead() {
    HangRecord h = HangEvidence.parse(2, "echo -n x > unbind", 127, Duration.ofSeconds(12), Instant.EPOCH,
        Instant.EPOCH.plusMillis(700), OUTPUT, stack -> stack.get(0));
    assertThat(h.pid()).isEqualTo(127);
    assertThat(h.state()).isEqualTo("D");
    assertThat(h.wchan()).isEqualTo("i2c_del_adapter");
    assertThat(h.stack()).startsWith("i2c_del_adapter", "i801_remove").hasSize(10);
    assertThat(h.blockedIn()).isEqualTo("i2c_del_adapter");
    assertThat(h.sysrqW()).contains("Show Blocked State");
  }

  @Test
  void theTaskInUninterruptibleSleepIsPreferredOverItsParent() {
    String out = """
        == 200
        200 (sh) S 1 200 200 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 1
        wchan do_wait
        [<0>] do_wait+0x1/0x2
        == 201
        201 (cat) D 200 200 200 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1 1
        wchan mtd_proc_show
        [<0>] mutex_lock+0x1/0x2
        [<0>] mtd_proc_show+0x1/0x2
        """;
    HangRecord h = HangEvidence.parse(1, "cat /proc/mtd", 200, Duration.ofSeconds(5), Instant.EPOCH,
        Instant.EPOCH, out, stack -> stack.get(stack.size() - 1));
    assertThat(h.pid()).isEqualTo(201);
    assertThat(h.state()).isEqualTo("D");
    assertThat(h.blockedIn()).isEqualTo("mtd_proc_show");
  }

  @Test
  void withoutAStackTheWchanNamesTheWait() {
    HangRecord h = HangEvidence.parse(1, "x", 5, Duration.ofSeconds(5), Instant.EPOCH, Instant.EPOCH,
        "== 5\n5 (sh) D 1 1 1\nwchan msleep\n", s -> s.get(0));
    assertThat(h.blockedIn()).isEqualTo("msleep");
  }
}
