package dev.lifelab.report;

import dev.lifelab.report.ReportModel.Cell;
import dev.lifelab.report.ReportModel.TargetMatrix;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI systems: one testsuite per target and kernel version, one testcase per plan
 * (its latest complete run). Fail and hang are failures, infra-error is an error, a plan with no
 * complete run is skipped.
 */
public final class JunitReport {
  private JunitReport() {}

  private record Suite(TargetMatrix target, String kernel, List<Cell> cells) {
    int count(Verdict... vs) {
      int n = 0;
      for (Cell c : cells) {
        for (Verdict v : vs) {
          n += c.verdict() == v ? 1 : 0;
        }
      }
      return n;
    }

    /** Hangs and findings the plan does not expect on this kernel. */
    int failures() {
      return (int) cells.stream().filter(JunitReport::isFailure).count();
    }

    int skipped() {
      return (int) cells.stream().filter(c -> c.verdict() == null).count();
    }

    double seconds() {
      return cells.stream().mapToDouble(c -> JunitReport.seconds(c.latest())).sum();
    }
  }

  public static void write(ReportModel m, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(file)) {
        write(m, os);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void write(ReportModel m, OutputStream os) {
    List<Suite> suites = new ArrayList<>();
    for (TargetMatrix t : m.targets()) {
      for (String kernel : t.kernels()) {
        List<Cell> cells = new ArrayList<>();
        for (String plan : t.plans()) {
          Cell c = t.cell(plan, kernel);
          if (c != null) {
            cells.add(c);
          }
        }
        suites.add(new Suite(t, kernel, cells));
      }
    }
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(os, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", "lifelab");
      w.writeAttribute("tests", Integer.toString(suites.stream().mapToInt(s -> s.cells.size()).sum()));
      w.writeAttribute("failures", Integer.toString(suites.stream().mapToInt(Suite::failures).sum()));
      w.writeAttribute("errors", Integer.toString(
          suites.stream().mapToInt(s -> s.count(Verdict.INFRA_ERROR)).sum()));
      w.writeAttribute("skipped", Integer.toString(suites.stream().mapToInt(Suite::skipped).sum()));
      w.writeAttribute("time", secs(suites.stream().mapToDouble(Suite::seconds).sum()));
      w.writeCharacters("\n");
      for (Suite s : suites) {
        suite(w, s);
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
  }

  private static void suite(XMLStreamWriter w, Suite s) throws XMLStreamException {
    w.writeStartElement("testsuite");
    w.writeAttribute("name", xml(s.target.target() + " / " + s.kernel));
    w.writeAttribute("tests", Integer.toString(s.cells.size()));
    w.writeAttribute("failures", Integer.toString(s.failures()));
    w.writeAttribute("errors", Integer.toString(s.count(Verdict.INFRA_ERROR)));
    w.writeAttribute("skipped", Integer.toString(s.skipped()));
    w.writeAttribute("time", secs(s.seconds()));
    s.cells.stream().map(Cell::latest).filter(r -> r != null && r.startedAt() != null)
        .map(RunResult::startedAt).min(java.util.Comparator.naturalOrder())
        .ifPresent(t -> {
          try {
            w.writeAttribute("timestamp", t.toString());
          } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
          }
        });
    w.writeCharacters("\n");
    String classname = xml(s.target.target() + "." + s.kernel.replace('.', '_'));
    for (Cell c : s.cells) {
      RunResult r = c.latest();
      w.writeStartElement("testcase");
      w.writeAttribute("name", xml(c.plan()));
      w.writeAttribute("classname", classname);
      w.writeAttribute("time", secs(seconds(r)));
      if (c.verdict() == null) {
        w.writeEmptyElement("skipped");
        w.writeAttribute("message", "no complete run (still running or interrupted)");
      } else if (isFailure(c)) {
        w.writeStartElement("failure");
        w.writeAttribute("type", c.verdict().label());
        w.writeAttribute("message", xml(c.titles().isEmpty() ? String.valueOf(r.summary())
            : String.join("; ", c.titles())));
        w.writeCharacters(xml(details(r)));
        w.writeEndElement();
      } else if (c.verdict() == Verdict.INFRA_ERROR) {
        w.writeStartElement("error");
        w.writeAttribute("type", "infra-error");
        w.writeAttribute("message", xml(r.infraError() != null ? r.infraError()
            : String.valueOf(r.summary())));
        w.writeCharacters(xml(details(r)));
        w.writeEndElement();
      }
      w.writeStartElement("system-out");
      w.writeCharacters(xml((Boolean.TRUE.equals(r.asExpected()) ? r.summary() + " (as expected)\n" : "")
          + "run " + r.runId() + (r.runDir() == null ? "" : "\n" + r.runDir())
          + (r.host() == null ? "" : "\nhost " + r.host())));
      w.writeEndElement();
      w.writeEndElement();
      w.writeCharacters("\n");
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  /** A kernel problem the plan expects on this kernel (a known-bad kernel) does not fail CI. */
  private static boolean isFailure(Cell c) {
    return c.verdict() != null && c.verdict().isKernelProblem() && !Boolean.TRUE.equals(c.latest().asExpected());
  }

  /** JUnit XML of plan runs as they finish, e.g. one run directory's {@code junit.xml}. */
  public static void writeRuns(List<RunResult> runs, Path file) {
    write(ReportModel.build(runs, KnownIssues.none(), "runs", null, java.time.Instant.now()), file);
  }

  private static String details(RunResult r) {
    StringBuilder sb = new StringBuilder();
    if (r.summary() != null) {
      sb.append(r.summary()).append("\n\n");
    }
    for (Problem p : Problem.of(r)) {
      sb.append(p.title()).append('\n');
      if (p.text() != null) {
        sb.append(p.text()).append("\n\n");
      }
    }
    return sb.toString();
  }

  static double seconds(RunResult r) {
    if (r == null || r.startedAt() == null || r.endedAt() == null) {
      return 0;
    }
    return (r.endedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0;
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  /** Characters XML 1.0 cannot carry at all (most control characters) are written as \\xNN. */
  static String xml(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      boolean ok = cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff)
          || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
      if (ok) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(cp < 0x100 ? String.format("\\x%02x", cp) : "\ufffd");
      }
    });
    return sb.toString();
  }
}
