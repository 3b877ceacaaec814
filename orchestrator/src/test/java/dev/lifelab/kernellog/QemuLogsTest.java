package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Console logs of QEMU guests captured on this kind of machine, with the first title their
 * README expects: the device-lifetime bugs lifelab exists for.
 */
class QemuLogsTest {
  private static final Path DIR =
      Path.of(System.getProperty("lifelab.shared", "../../shared"), "kernel-logs", "qemu");
  /** A README table row: | file.log | kernel | what happened | title |. */
  private static final Pattern ROW = Pattern.compile("^\\| *([^|]+\\.log) *\\|.*\\| *([^|]+?) *\\|$");

  private final KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();

  @TestFactory
  List<DynamicTest> firstFindingHasTheTitleTheReadmeExpects() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String row : Files.readAllLines(DIR.resolve("README.md"))) {
      Matcher m = ROW.matcher(row);
      if (m.matches()) {
        Path log = DIR.resolve(m.group(1));
        String title = m.group(2);
        tests.add(DynamicTest.dynamicTest(m.group(1), () -> {
          List<Finding> findings = analyzer.analyze(log);
          assertThat(findings).isNotEmpty();
          assertThat(findings.get(0).title()).isEqualTo(title);
          assertThat(findings.get(0).corrupted()).isFalse();
        }));
      }
    }
    assertThat(tests).hasSize(2);
    return tests;
  }

  @Test
  void i2cUnbindWhileOpenIsAHungTaskInI2cDelAdapter() {
    Finding hang = analyzer.analyze(DIR.resolve("x86_64-6.1.0-47-i2c-unbind-while-open-hang.log")).get(0);

    assertThat(hang.kind()).isEqualTo("hung-task");
    assertThat(hang.kernelVersion()).isEqualTo("6.1.0-47-amd64");
    assertThat(hang.taint()).isNull();
    assertThat(hang.frames()).startsWith("__schedule", "schedule", "schedule_timeout",
        "wait_for_completion", "i2c_del_adapter", "i801_remove");
    assertThat(hang.report()).startsWith("[   10.972977] INFO: task init:88 blocked for more than 5 seconds.")
        .endsWith("</TASK>\n");
    assertThat(hang.startLine()).isEqualTo(359);
    assertThat(hang.endLine()).isEqualTo(389);
  }

  @Test
  void mtdUnbindGivesKasanUseAfterFreeThenTimerWarning() {
    List<Finding> findings = analyzer.analyze(DIR.resolve("arm64-6.1.192-mtd-unbind-kasan-uaf.log"));

    assertThat(findings).extracting(Finding::title).containsExactly(
        "KASAN: use-after-free Read in mtd_proc_show",
        "WARNING in run_timer_softirq",
        // the log ends with a second copy of the kernel's messages, read back with dmesg
        "WARNING in run_timer_softirq");
    Finding kasan = findings.get(0);
    assertThat(kasan.kind()).isEqualTo("kasan");
    assertThat(kasan.report()).startsWith("=====").contains("Freed by task 1:").endsWith("=====\n");
    assertThat(kasan.frames()).contains("mtd_proc_show", "seq_read_iter");
    Finding warning = findings.get(1);
    assertThat(warning.taint()).isEqualTo("GB");
    assertThat(warning.report()).startsWith("------------[ cut here ]------------")
        .endsWith("---[ end trace 0000000000000000 ]---\n");
  }

  @Test
  void delayedKobjectReleaseLinesOfTheMtdLogAreNotFindings() {
    List<Finding> findings = analyzer.analyze(DIR.resolve("arm64-6.1.192-mtd-unbind-kasan-uaf.log"));

    assertThat(findings).noneMatch(f -> f.report().contains("kobject_release, parent"));
  }
}
