package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the analyzer over syzkaller's corpus of real crash logs and compares the first finding of
 * each log with the title syzkaller gives it. The rates are written to
 * {@code target/kernellog-corpus.txt} and the test fails below the thresholds.
 */
class SyzkallerCorpusTest {
  /** Share of logs with a report whose first finding has exactly syzkaller's title. */
  static final double MIN_EXACT_TITLES = 0.95;
  /** Share of logs with a report where at least one finding is reported. */
  static final double MIN_DETECTION = 0.99;
  /** Share of exactly named reports whose corrupted flag agrees with syzkaller's. */
  static final double MIN_CORRUPTED_AGREEMENT = 0.95;

  private static final List<String> misses = new ArrayList<>();
  private static final List<String> falseReports = new ArrayList<>();
  private static final List<String> corruptedDisagreements = new ArrayList<>();
  private static int withReport;
  private static int detected;
  private static int exact;
  private static int corruptedAgree;
  private static int withoutReport;

  @BeforeAll
  static void analyseCorpus() throws IOException {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    List<SyzkallerCase> cases = SyzkallerCase.all();
    assertThat(cases).as("syzkaller corpus in %s", SyzkallerCase.corpusDir()).hasSizeGreaterThan(300);
    for (SyzkallerCase c : cases) {
      List<Finding> findings = c.findings(analyzer, UnaryOperator.identity());
      if (c.title() == null) {
        withoutReport++;
        if (!findings.isEmpty()) {
          falseReports.add(c.name() + ": " + findings.get(0).title());
        }
        continue;
      }
      withReport++;
      if (findings.isEmpty()) {
        misses.add(c.name() + ": nothing found, want " + c.title());
        continue;
      }
      detected++;
      Finding first = findings.get(0);
      if (!first.title().equals(c.title())) {
        misses.add(c.name() + ": got \"" + first.title() + "\", want \"" + c.title() + "\"");
        continue;
      }
      exact++;
      if (first.corrupted() == c.corrupted()) {
        corruptedAgree++;
      } else {
        corruptedDisagreements.add(c.name() + ": corrupted " + first.corrupted() + ", syzkaller says "
            + c.corrupted() + " (" + c.title() + ")");
      }
    }
    writeSummary();
  }

  private static void writeSummary() throws IOException {
    String summary = String.format(
        "syzkaller corpus: %d logs with a report, %d without%n"
            + "exact first title: %d/%d = %.1f%% (threshold %.0f%%)%n"
            + "detection: %d/%d = %.1f%% (threshold %.0f%%)%n"
            + "false reports on logs without a report: %d (threshold 0)%n"
            + "corrupted flag agrees on exact titles: %d/%d%n",
        withReport, withoutReport, exact, withReport, 100.0 * exact / withReport, 100 * MIN_EXACT_TITLES,
        detected, withReport, 100.0 * detected / withReport, 100 * MIN_DETECTION,
        falseReports.size(), corruptedAgree, exact);
    StringBuilder details = new StringBuilder(summary);
    misses.forEach(m -> details.append("MISS ").append(m).append('\n'));
    falseReports.forEach(m -> details.append("FALSE ").append(m).append('\n'));
    corruptedDisagreements.forEach(m -> details.append("CORRUPTED ").append(m).append('\n'));
    Path out = Path.of("target", "kernellog-corpus.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, details, StandardCharsets.UTF_8);
    System.out.print(summary);
  }

  @Test
  void namesTheFirstReportOfEachLogLikeSyzkaller() {
    assertThat((double) exact / withReport).as("exact titles; misses:%n%s", String.join("\n", misses))
        .isGreaterThanOrEqualTo(MIN_EXACT_TITLES);
  }

  @Test
  void findsAReportInEveryLogThatHasOne() {
    assertThat((double) detected / withReport).as("detection; misses:%n%s", String.join("\n", misses))
        .isGreaterThanOrEqualTo(MIN_DETECTION);
  }

  @Test
  void reportsNothingInLogsWithoutAReport() {
    assertThat(withoutReport).isGreaterThan(10);
    assertThat(falseReports).isEmpty();
  }

  @Test
  void flagsCorruptedReportsLikeSyzkaller() {
    assertThat((double) corruptedAgree / exact)
        .as("corrupted flag; disagreements:%n%s", String.join("\n", corruptedDisagreements))
        .isGreaterThanOrEqualTo(MIN_CORRUPTED_AGREEMENT);
  }
}
