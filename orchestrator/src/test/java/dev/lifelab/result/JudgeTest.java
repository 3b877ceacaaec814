package dev.lifelab.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernellog.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeTest {
  static final PlanInfo EXPECTS_HANG = new PlanInfo("i2c", "f", "h", Verdict.HANG, "i2c_del_adapter");
  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  static HangRecord hang(String in, Instant returned) {
    return new HangRecord(2, "echo -n x > unbind", Duration.ofSeconds(12), T0, T0.plusMillis(700), returned,
        returned == null ? null : 0, 127, "D", "i2c_del_adapter", List.of(in), in, null);
  }

  static Finding finding(String title) {
    return new Finding("warning", title, "dmesg.txt", 1, 2, List.of(), null, null, false, title);
  }

  @Test
  void aHangInTheExpectedFunctionIsAsExpected() {
    Judge.Judgement j = Judge.judge(EXPECTS_HANG, List.of(hang("i2c_del_adapter", T0.plusSeconds(1))),
        List.of(finding("INFO: task hung in i2c_del_adapter")), null);
    assertThat(j.verdict()).isEqualTo(Verdict.HANG);
    assertThat(j.asExpected()).isTrue();
    assertThat(j.summary()).contains("hung in i2c_del_adapter").contains("returned 1.0 s after its timeout");
  }

  @Test
  void aHangElsewhereIsAChange() {
    Judge.Judgement j = Judge.judge(EXPECTS_HANG, List.of(hang("mutex_lock_nested", null)), List.of(), null);
    assertThat(j.verdict()).isEqualTo(Verdict.HANG);
    assertThat(j.asExpected()).isFalse();
    assertThat(j.summary()).contains("never returned");
  }

  @Test
  void noHangWhereOneWasExpectedIsAPassThatChanged() {
    Judge.Judgement j = Judge.judge(EXPECTS_HANG, List.of(), List.of(), null);
    assertThat(j.verdict()).isEqualTo(Verdict.PASS);
    assertThat(j.asExpected()).isFalse();
  }

  @Test
  void findingsWithoutHangFail() {
    Judge.Judgement j = Judge.judge(null, List.of(), List.of(finding("KASAN: use-after-free Read in mtd_proc_show")), null);
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(j.asExpected()).isNull();
  }

  @Test
  void aLostTargetWithAKernelReportIsAKernelVerdict() {
    Judge.Judgement j = Judge.judge(null, List.of(), List.of(finding("kernel BUG in foo")),
        "step 3 error: SSH connection lost");
    assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void aLostTargetWithoutAReportIsAnInfraError() {
    Judge.Judgement j = Judge.judge(EXPECTS_HANG, List.of(), List.of(), "step 3 error: SSH connection lost");
    assertThat(j.verdict()).isEqualTo(Verdict.INFRA_ERROR);
    assertThat(j.asExpected()).isNull();
    assertThat(j.summary()).contains("SSH connection lost");
  }
}
