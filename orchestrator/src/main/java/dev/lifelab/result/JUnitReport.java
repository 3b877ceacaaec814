package dev.lifelab.result;

import dev.lifelab.kernellog.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML for CI systems: one testsuite per target and kernel, one testcase per plan; hangs
 * and kernel findings are failures carrying the titles, infra errors are errors.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(Path file, List<RunResult> results) {
    Map<String, List<RunResult>> suites = new LinkedHashMap<>();
    for (RunResult r : results) {
      String suite = r.target().name() + " " + (r.kernel() == null || r.kernel().release() == null
          ? (r.kernel() == null ? "unknown kernel" : r.kernel().spec()) : r.kernel().release());
      suites.computeIfAbsent(suite, k -> new java.util.ArrayList<>()).add(r);
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (Map.Entry<String, List<RunResult>> s : suites.entrySet()) {
      List<RunResult> rs = s.getValue();
      long failures = rs.stream().filter(r -> r.verdict() != null && r.verdict().isKernelProblem()
          && !Boolean.TRUE.equals(r.asExpected())).count();
      long errors = rs.stream().filter(r -> r.verdict() == null || r.verdict() == Verdict.INFRA_ERROR).count();
      double time = rs.stream().mapToDouble(JUnitReport::seconds).sum();
      x.append("  <testsuite name=\"").append(esc(s.getKey())).append("\" tests=\"").append(rs.size())
          .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
          .append("\" time=\"").append(String.format("%.3f", time)).append("\">\n");
      for (RunResult r : rs) {
        testcase(x, r);
      }
      x.append("  </testsuite>\n");
    }
    x.append("</testsuites>\n");
    try {
      Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void testcase(StringBuilder x, RunResult r) {
    x.append("    <testcase classname=\"lifelab.").append(esc(r.target().name())).append("\" name=\"")
        .append(esc(r.plan().name())).append("\" time=\"").append(String.format("%.3f", seconds(r))).append("\">\n");
    String titles = titles(r.findings(), r.hangs());
    if (r.verdict() == null || r.verdict() == Verdict.INFRA_ERROR) {
      x.append("      <error type=\"infra-error\" message=\"").append(esc(r.infraError() == null ? "incomplete" : r.infraError()))
          .append("\"/>\n");
    } else if (r.verdict().isKernelProblem() && !Boolean.TRUE.equals(r.asExpected())) {
      x.append("      <failure type=\"").append(r.verdict().label()).append("\" message=\"").append(esc(titles))
          .append("\">").append(esc(reports(r.findings()))).append("</failure>\n");
    }
    x.append("      <system-out>").append(esc(r.summary() == null ? "" : r.summary()))
        .append(Boolean.TRUE.equals(r.asExpected()) ? " (as expected)" : "")
        .append("\nrun directory: ").append(esc(r.runDir())).append("</system-out>\n");
    x.append("    </testcase>\n");
  }

  private static String titles(List<Finding> findings, List<HangRecord> hangs) {
    StringBuilder sb = new StringBuilder();
    for (HangRecord h : hangs == null ? List.<HangRecord>of() : hangs) {
      sb.append(sb.length() == 0 ? "" : "; ").append("hang").append(h.blockedIn() == null ? "" : " in " + h.blockedIn());
    }
    for (Finding f : findings == null ? List.<Finding>of() : findings) {
      sb.append(sb.length() == 0 ? "" : "; ").append(f.title());
    }
    return sb.toString();
  }

  private static String reports(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings == null ? List.<Finding>of() : findings) {
      sb.append(f.title()).append('\n').append(f.report() == null ? "" : f.report()).append("\n\n");
    }
    return sb.toString();
  }

  private static double seconds(RunResult r) {
    if (r.startedAt() == null || r.endedAt() == null) {
      return 0;
    }
    return java.time.Duration.between(r.startedAt(), r.endedAt()).toMillis() / 1000.0;
  }

  /** XML 1.0 cannot carry most control characters, which kernel logs do contain. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\n', '\t' -> sb.append(c);
        case '\r' -> sb.append("&#13;");
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            sb.append("\\x").append(String.format("%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
