package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TextAndMarkdownReportTest {
  private ReportModel model;

  @BeforeEach
  void build() throws Exception {
    model = ReportModel.build(ReportFixtures.runs(null),
        KnownIssues.load(ReportModelTest.REPO_KNOWN_ISSUES), null, null,
        Instant.parse("2026-03-03T07:00:00Z"));
  }

  @Test
  void textMatrixHasARowPerPlanAndAColumnPerKernel() {
    List<String> lines = TextReport.matrix(model).lines().toList();
    assertThat(lines.get(0)).isEqualTo("qemu-arm64-virt");
    assertThat(lines.get(1)).matches("  plan \\\\ kernel +6\\.1\\.0-47-arm64 +6\\.1\\.0-50-arm64");
    assertThat(lines).contains(
        "  gpio-unbind    -               FAIL*~",
        "  i2c-unbind     pass            HANG",
        "  mtd-unbind     FAIL            pass",
        "  rtc-unbind     -               running",
        "  spi-unbind     pass            infra");
  }

  @Test
  void textReportListsChangesWithoutTerminalControlCharacters() {
    String text = TextReport.render(model);
    assertThat(text).contains("Regressions:\n  qemu-arm64-virt gpio-unbind: on 6.1.0-50-arm64 pass"
        + " -> fail (rerun)");
    assertThat(text).contains("qemu-arm64-virt i2c-unbind: 6.1.0-47-arm64 pass -> 6.1.0-50-arm64"
        + " hang (hang in i2c_del_adapter)");
    assertThat(text).contains("Fixes:\n  qemu-arm64-virt mtd-unbind: 6.1.0-47-arm64 fail ->");
    assertThat(text).contains("1 new problem(s), 2 known, 1 incomplete run(s) among 10 run(s)");
    assertThat(text).doesNotContain("\u001b").contains("\\x1b[31m");
  }

  @Test
  void markdownEscapesKernelTextAndFencesReports() {
    String md = MarkdownReport.render(model);
    // Inside code fences Markdown shows text as is; everywhere else markup must be escaped.
    String outsideFences = md.replaceAll("(?s)```text\n.*?\n```\n", "");
    assertThat(outsideFences).doesNotContain("<script>")
        .contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
    assertThat(md).contains("| plan | 6.1.0-47-arm64 | 6.1.0-50-arm64 |");
    assertThat(md).contains("| i2c-unbind | pass | **hang**<br>hang in i2c\\_del\\_adapter |");
    assertThat(md).contains("### WARNING in gpiochip\\_remove");
    assertThat(md).contains("```text\nWARNING: CPU: 1 PID: 290")
        .contains("label: <script>alert(1)</script> \\x1b[31mred\\x1b[0m\n```\n");
    assertThat(MarkdownReport.fence("a ``` b")).startsWith("````text\n").endsWith("\n````\n");
  }
}
