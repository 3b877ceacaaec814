package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * syzkaller's corpus as other tools and targets would have captured it: the same kernel output
 * without printk timestamps, behind syslog prefixes, with dmesg's readable dates, with CRLF
 * line ends. A title must not depend on how the log was captured. Without timestamps (and so
 * without caller ids) user-space output inside a report can no longer be told apart from the
 * kernel's, and a few reports come out corrupted: that variant has a lower bar.
 */
class SyzkallerCorpusVariantsTest {
  private static final Pattern STAMP = Pattern.compile("\\[ *[0-9]+\\.[0-9]+\\](?:\\[ *[CT][0-9]+\\])? ?");
  private static final Pattern STAMP_ONLY = Pattern.compile("\\[ *[0-9]+\\.[0-9]+\\]");
  private static final Pattern KERNEL_LINE = Pattern.compile("(?m)^(?=\\[ *[0-9]+\\.[0-9]+\\])");

  private static final Path SUMMARY = Path.of("target", "kernellog-corpus-variants.txt");

  private static List<SyzkallerCase> cases;

  @BeforeAll
  static void readCorpus() throws IOException {
    cases = SyzkallerCase.all();
    assertThat(cases).as("syzkaller corpus in %s", SyzkallerCase.corpusDir()).hasSizeGreaterThan(300);
    Files.createDirectories(SUMMARY.getParent());
    Files.deleteIfExists(SUMMARY);
  }

  static Stream<Arguments> variants() {
    return Stream.of(
        variant("dmesg -t / printk.time=0 (no timestamps, no caller ids)", 0.95,
            log -> STAMP.matcher(log).replaceAll("")),
        variant("dmesg -T (readable dates)", 0.98,
            log -> STAMP_ONLY.matcher(log).replaceAll("[Sat Nov 28 12:00:01 2026]")),
        variant("/proc/kmsg (syslog levels)", 0.99, log -> KERNEL_LINE.matcher(log).replaceAll("<4>")),
        variant("kern.log (syslog daemon)", 0.99,
            log -> KERNEL_LINE.matcher(log).replaceAll("Nov 28 12:00:01 lab-host kernel: ")),
        variant("serial console with CRLF line ends", 0.99, log -> log.replace("\n", "\r\n")));
  }

  private static Arguments variant(String name, double minExact, UnaryOperator<String> rewrite) {
    return Arguments.of(name, minExact, rewrite);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void titlesDoNotDependOnHowTheLogWasCaptured(String name, double minExact, UnaryOperator<String> rewrite)
      throws IOException {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    List<String> misses = new ArrayList<>();
    List<String> falseReports = new ArrayList<>();
    int withReport = 0;
    for (SyzkallerCase c : cases) {
      List<Finding> findings = c.findings(analyzer, rewrite);
      if (c.title() == null) {
        findings.stream().findFirst().ifPresent(f -> falseReports.add(c.name() + ": " + f.title()));
        continue;
      }
      withReport++;
      String got = findings.isEmpty() ? "nothing" : findings.get(0).title();
      if (!got.equals(c.title())) {
        misses.add(c.name() + ": got \"" + got + "\", want \"" + c.title() + "\"");
      }
    }
    double exact = 1.0 - (double) misses.size() / withReport;
    String summary = String.format("%s: exact first title %d/%d = %.1f%% (threshold %.0f%%), false reports %d%n",
        name, withReport - misses.size(), withReport, 100 * exact, 100 * minExact, falseReports.size());
    StringBuilder details = new StringBuilder(summary);
    misses.forEach(m -> details.append("  MISS ").append(m).append('\n'));
    falseReports.forEach(m -> details.append("  FALSE ").append(m).append('\n'));
    Files.writeString(SUMMARY, details, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.print(summary);

    assertThat(exact).as("%s%s", summary, String.join("\n", misses)).isGreaterThanOrEqualTo(minExact);
    assertThat(falseReports).as("findings in logs without a report").isEmpty();
  }
}
