package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.result.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path tmp;
  private List<RunResult> runs;
  private ReportModel model;

  @BeforeEach
  void build() throws Exception {
    runs = ReportFixtures.runs(tmp.resolve("runs"));
    model = ReportModel.build(runs, KnownIssues.load(ReportModelTest.REPO_KNOWN_ISSUES),
        "jdbc:sqlite:/tmp/results.db", ReportFixtures.NIGHT1.minusSeconds(3600),
        Instant.parse("2026-03-03T07:00:00Z"));
  }

  private String render() throws Exception {
    Path page = tmp.resolve("out/report.html");
    HtmlReport.write(model, page);
    return Files.readString(page, StandardCharsets.UTF_8);
  }

  @Test
  void kernelTextShowsAsTextNeverAsMarkup() throws Exception {
    String html = render();
    assertThat(html.toLowerCase()).doesNotContain("<script");
    // From the finding title, the report text and the console log alike.
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(countOf(html, "&lt;script&gt;alert(1)&lt;/script&gt;")).isGreaterThanOrEqualTo(3);
    // ESC of the colour codes is shown, not passed on.
    assertThat(html).doesNotContain("\u001b").contains("\\x1b[31mred");
    assertThat(html.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
  }

  @Test
  void pageIsSelfContained() throws Exception {
    String html = render();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
        .contains("name=\"viewport\"").contains("default-src 'none'");
    assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("@import")
        .doesNotContain("url(");
    // Only known-issue links leave the page.
    Matcher m = Pattern.compile("href=\"(https?:[^\"]*)\"").matcher(html);
    while (m.find()) {
      assertThat(m.group(1)).startsWith("https://lore.kernel.org/");
    }
  }

  @Test
  void matrixRegressionsAndProblemsAreOnThePage() throws Exception {
    String html = render();
    assertThat(html).contains("<h3>qemu-arm64-virt</h3>");
    assertThat(html.indexOf(">6.1.0-47-arm64</th>")).isPositive()
        .isLessThan(html.indexOf(">6.1.0-50-arm64</th>"));
    assertThat(html).contains("<b>Regression</b> · <b>qemu-arm64-virt</b> · i2c-unbind");
    assertThat(html).contains("<b>Fix</b> · <b>qemu-arm64-virt</b> · mtd-unbind");
    String newSection = html.substring(html.indexOf("<section id=\"new\">"),
        html.indexOf("<section id=\"known\">"));
    assertThat(newSection).contains("WARNING in gpiochip_remove").doesNotContain("i2c_del_adapter");
    String knownSection = html.substring(html.indexOf("<section id=\"known\">"),
        html.indexOf("<section id=\"runs\">"));
    assertThat(knownSection).contains("hang in i2c_del_adapter")
        .contains("i2c-del-adapter-waits-for-open-dev")
        .contains("mtd_proc_show");
  }

  @Test
  void findingsCarryTheirConsoleExcerptAndRelativeRunLinks() throws Exception {
    String html = render();
    // Lines 95..107 around the warning's lines 100..102, numbered, the finding marked.
    assertThat(html).contains("console.log lines 100–102");
    assertThat(html).contains("<span class=\"ln\">95</span>[     9.095000] boot line 95");
    assertThat(html).contains("<span class=\"hit\"><span class=\"ln\">100</span>");
    assertThat(html).contains("href=\"../runs/n2-gpio-50/\"");
    assertThat(html).doesNotContain("No console excerpt");
  }

  @Test
  void missingRunDirectoryIsSaidNotHidden() throws Exception {
    for (RunResult r : runs) {
      Path dir = Path.of(r.runDir());
      Files.delete(dir.resolve("console.log"));
      Files.delete(dir.resolve("results.json"));
      Files.delete(dir);
    }
    String html = render();
    assertThat(html).contains("No console excerpt: the run directory no longer exists.")
        .contains("directory gone").doesNotContain("href=\"../runs/");
  }

  @Test
  void sampleForLookingAt() throws Exception {
    // A sample page under target/ for checking the layout in a browser.
    Path dir = Path.of("target", "report-sample");
    Files.createDirectories(dir);
    List<RunResult> placed = ReportFixtures.runs(dir.resolve("runs"));
    List<RunResult> more = new java.util.ArrayList<>(placed);
    more.addAll(ReportFixtures.moreTargets());
    ReportModel m = ReportModel.build(more, KnownIssues.load(ReportModelTest.REPO_KNOWN_ISSUES),
        "jdbc:sqlite:/var/lib/lifelab/results.db", null, Instant.parse("2026-03-03T07:00:00Z"));
    Path page = dir.resolve("report.html");
    HtmlReport.write(m, page);
    assertThat(Files.readString(page)).contains("qemu-x86_64-q35").contains("6.12.107");
  }

  private static int countOf(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
