package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The made-up log that the class-data-sharing archive is made from takes a long log's path. */
class ArchiveTrainingTest {
  @Test
  void theTrainingLogIsSeveralBlocksLongAndHoldsReportsOfEachCommonKind() {
    String log = ArchiveTraining.consoleLog();
    // the reader scans logs of more than one block (1 MiB) on other threads
    assertThat(log.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2 << 20);

    List<Finding> findings = KernelLogAnalyzer.defaultTable().analyze(log, "training.log");

    assertThat(findings).extracting(Finding::title).contains(
        "INFO: task hung in i2c_del_adapter", "KASAN: use-after-free Read in mtd_proc_show");
    assertThat(findings).extracting(Finding::kind).contains("hung-task", "kasan", "kobject");
    assertThat(findings).allSatisfy(f -> assertThat(f.corrupted()).isFalse());
  }
}
