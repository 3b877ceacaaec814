package dev.lifelab.kernellog;

import dev.lifelab.kernellog.ReportFormat.Group;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The state machine that turns console lines into findings, one log at a time. It keeps at most
 * one open report per printk context (caller id, or the whole console when there are none), so
 * reports of several tasks may interleave; everything it holds is bounded by the table's limits.
 * Findings come out in the order their headers appear in the log.
 */
final class LogScanner implements LineReader.Sink {
  /** Lines of its own context a report may take after its end marker, waiting for a panic. */
  private static final int LINES_AFTER_END = 20;
  /** Lines a report is still analysed for after a nested report of its context began. */
  private static final int LINES_AFTER_EXTENT = 200;
  /** Findings held back while an earlier report is still open. */
  private static final int MAX_HELD_FINDINGS = 256;

  private enum Close { END_MARKER, NEXT_REPORT, QUIET, INTERRUPTED, EVICTED, END_OF_LOG }

  private final KernelMessageTable table;
  private final ConsoleLine.Parser parser;
  private final ReportNamer namer;
  private final String source;
  private final Consumer<Finding> sink;

  /** The report each context is printing. */
  private final Map<String, OpenReport> open = new LinkedHashMap<>();
  /** Reports whose text ended at a nested report of their context but whose analysis goes on. */
  private final Map<String, OpenReport> analysedOn = new LinkedHashMap<>();
  private final Map<String, LeadIn> leadIns = new LinkedHashMap<>();
  private final HeldFindings held;
  private long lines;
  private boolean previousWasReplayMarker;
  /** The log has lines with a printk timestamp, so lines without one are not the kernel's. */
  private boolean kernelLinesSeen;

  /** Lines that may open the next report of a context ("cut here" and what follows it). */
  private static final class LeadIn {
    final List<ConsoleLine> lines = new ArrayList<>();
    final long startedAt;

    LeadIn(long startedAt) {
      this.startedAt = startedAt;
    }
  }

  LogScanner(KernelMessageTable table, ReportNamer namer, String source, Consumer<Finding> sink) {
    this.table = table;
    this.parser = new ConsoleLine.Parser(table);
    this.namer = namer;
    this.source = source;
    this.sink = sink;
    this.held = new HeldFindings(sink);
  }

  @Override
  public void useExecutor(java.util.concurrent.Executor executor) {
    held.useExecutor(executor);
  }

  @Override
  public void idle() {
    held.release(firstOpenHeader(), true);
  }

  @Override
  public void line(byte[] buf, int start, int end, long number, boolean flagged) {
    lines = number;
    if (!kernelLinesSeen && end - start > 2 && (buf[start] == '[' || buf[start] == '<')
        && (buf[start + 1] == ' ' || Character.isDigit(buf[start + 1]))) {
      kernelLinesSeen = true;
    }
    if (!flagged && open.isEmpty() && analysedOn.isEmpty() && leadIns.isEmpty()) {
      previousWasReplayMarker = false;
      return;
    }
    String decoded = LineReader.decode(buf, start, end);
    if (decoded.indexOf('\r') < 0) {
      accept(parser.parse(number, decoded), flagged);
    } else {
      // A carriage return inside a line is the terminal's way of starting over: each piece is
      // a line (the empty piece after the CR of a CRLF line end is not).
      for (String piece : decoded.split("\r")) {
        if (!piece.isEmpty()) {
          accept(parser.parse(number, piece), flagged);
        }
      }
    }
    if ((number & 63) == 0) {
      closeSilentReports();
    }
  }

  @Override
  public boolean wantsEveryLine() {
    return !open.isEmpty() || !analysedOn.isEmpty() || !leadIns.isEmpty() || !kernelLinesSeen;
  }

  /** Closes every report still open and hands on the remaining findings. */
  void finish() {
    for (OpenReport r : new ArrayList<>(analysedOn.values())) {
      name(r);
    }
    for (OpenReport r : new ArrayList<>(open.values())) {
      close(r, Close.END_OF_LOG);
    }
    held.release(Long.MAX_VALUE, true);
  }

  private void accept(ConsoleLine line, boolean flagged) {
    boolean replayMarker = line.raw().contains(table.limits.replayMarker());
    Group header = flagged ? headerGroup(line) : null;
    if (header != null) {
      onHeader(line, header, takeLeadIn(line.context()));
    } else if (!replayMarker) {
      // The console's notice that it prints a cut message again belongs to no report: without
      // caller ids it would count as the cut report's second line, and the message printed
      // again would no longer replace the cut one.
      onLine(line);
      trackLeadIn(line, flagged);
    }
    previousWasReplayMarker = replayMarker;
  }

  private Group headerGroup(ConsoleLine line) {
    for (Group g : table.groups) {
      if (g.startsReport(line.raw())) {
        // User space on the console may say "WARNING:" too: without the kernel's prefix, a line
        // only starts a report if it has the shape of one.
        boolean userSpace = kernelLinesSeen && line.context().isEmpty();
        return userSpace && !g.recognises(line.text()) ? null : g;
      }
    }
    return null;
  }

  private void onHeader(ConsoleLine line, Group group, List<ConsoleLine> leadIn) {
    analyseOn(line);
    OpenReport same = open.get(line.context());
    if (same != null && !same.ended && (containsAny(line.text(), table.continuations)
        || group.leadIn() && same.lineCount() <= table.limits.maxLeadInLines())) {
      // A WARN message printed after its WARNING (older kernels), a panic after an oops,
      // "Internal error" after an arm64 fault: all part of the open report.
      same.add(line, lines);
      checkEnd(same, line);
      return;
    }
    if (same != null && same.ended && containsAny(line.text(), table.continuations)) {
      same.resume(line, lines);
      checkEnd(same, line);
      return;
    }
    if (same != null && !same.ended && same.lineCount() == 1 && previousWasReplayMarker) {
      // The kernel cut the header short and prints it again whole.
      same.restartAt(group, line);
      return;
    }
    if (same != null && !same.ended && same.group.leadIn() && !group.leadIn()
        && same.lineCount() <= table.limits.maxLeadInLines()) {
      // The WARN message came first; the WARNING line that follows names the report.
      same.restartAt(group, line);
      return;
    }
    if (same != null) {
      if (same.hasCallerIds() && !same.ended) {
        same.closeExtent();
        open.remove(same.context);
        OpenReport previous = analysedOn.put(same.context, same);
        if (previous != null) {
          name(previous);
        }
      } else {
        close(same, Close.NEXT_REPORT);
      }
    }
    // Without caller ids, lines of concurrent reports cannot be told apart: a new report ends them.
    for (OpenReport r : new ArrayList<>(open.values())) {
      if (!r.hasCallerIds()) {
        close(r, Close.NEXT_REPORT);
      }
    }
    if (open.size() >= table.limits.maxOpenReports()) {
      open.values().stream().min(Comparator.comparingLong(r -> r.lastGrowth))
          .ifPresent(r -> close(r, Close.EVICTED));
    }
    open.put(line.context(), new OpenReport(table, group, line, leadIn, lines));
  }

  private void onLine(ConsoleLine line) {
    analyseOn(line);
    for (OpenReport r : new ArrayList<>(open.values())) {
      boolean accepted = r.accepts(line);
      if (r.ended) {
        if (r.afterEnd(accepted ? line : null) > LINES_AFTER_END) {
          close(r, Close.END_MARKER);
        }
        continue;
      }
      if (!accepted) {
        // Other kernel output is quiet too: a report whose context stopped printing is over.
        // User space may print at length in the middle of a report; it does not count.
        if (!line.context().isEmpty() && ++r.quietLines > table.limits.maxQuietLines()) {
          close(r, Close.QUIET);
        }
        continue;
      }
      r.add(line, lines);
      if (checkEnd(r, line)) {
        continue;
      }
      if (!r.hasCallerIds() && containsAny(line.text(), table.interruptions)) {
        close(r, Close.INTERRUPTED);
      } else if (r.quietLines > table.limits.maxQuietLines()) {
        close(r, Close.QUIET);
      }
    }
  }

  private void analyseOn(ConsoleLine line) {
    if (analysedOn.isEmpty()) {
      return;
    }
    for (OpenReport r : new ArrayList<>(analysedOn.values())) {
      if (r.accepts(line)) {
        r.add(line, lines);
        if (r.linesAfterExtent() > LINES_AFTER_EXTENT) {
          name(r);
        }
      }
    }
  }

  /** Marks the report ended when the line is its end marker; a kernel panic's end is final. */
  private boolean checkEnd(OpenReport r, ConsoleLine line) {
    String text = line.text();
    boolean marker = containsAny(text, table.endMarkers)
        || r.closingMarker != null && line.number() > r.headerLine && text.contains(r.closingMarker);
    if (!marker) {
      return false;
    }
    r.endAt(line);
    if (text.contains(table.limits.finalEndMarker())) {
      close(r, Close.END_MARKER);
    }
    return true;
  }

  private void trackLeadIn(ConsoleLine line, boolean flagged) {
    if (flagged && containsAny(line.text(), table.leadInMarkers)) {
      LeadIn l = new LeadIn(lines);
      l.lines.add(line);
      leadIns.put(line.context(), l);
      return;
    }
    LeadIn l = leadIns.get(line.context());
    if (l != null) {
      if (l.lines.size() < table.limits.maxLeadInLines()) {
        l.lines.add(line);
      } else {
        leadIns.remove(line.context());
      }
    }
    leadIns.values().removeIf(x -> lines - x.startedAt > 4L * table.limits.maxLeadInLines() + 16);
  }

  private List<ConsoleLine> takeLeadIn(String context) {
    LeadIn l = leadIns.remove(context);
    return l == null ? List.of() : l.lines;
  }

  private void closeSilentReports() {
    for (OpenReport r : new ArrayList<>(open.values())) {
      if (lines - r.lastGrowth > table.limits.maxSilentLines()) {
        close(r, Close.QUIET);
      }
    }
    for (OpenReport r : new ArrayList<>(analysedOn.values())) {
      if (lines - r.lastGrowth > table.limits.maxSilentLines()) {
        name(r);
      }
    }
  }

  private void close(OpenReport r, Close why) {
    open.remove(r.context, r);
    r.closeExtent();
    r.cutAtEndOfLog = why == Close.END_OF_LOG && r.missesEndMarker() && r.lastLineWasFrame();
    name(r);
  }

  /** Names a report whose analysis is complete (now or on another thread) and holds its finding. */
  private void name(OpenReport r) {
    analysedOn.remove(r.context, r);
    // the report is not touched here any more: it may be read on another thread
    held.add(r.headerLine, () -> finding(r));
    release();
  }

  private Finding finding(OpenReport r) {
    ReportNamer.Naming naming;
    try {
      naming = namer.name(r.group, r.analysed, r.analysedFrames);
    } catch (RuntimeException | StackOverflowError e) {
      // One report a regex of the table cannot cope with must not end the analysis of the log.
      // the logger is only set up here: starting the logging costs as much as a short analysis
      LoggerFactory.getLogger(LogScanner.class).warn(
          "{}:{}: cannot name the report, kept with its first line as title: {}", source,
          r.headerLine, e.toString());
      naming = new ReportNamer.Naming(namer.sanitize(r.analysed.isEmpty() ? r.group.header()
          : r.analysed.get(0)), null, true);
    }
    String kind = naming.format() != null ? naming.format().kind() : r.group.kind();
    return new Finding(kind, naming.title(), source, (int) r.startLine, (int) r.endLine,
        r.frames(), r.kernelVersion, r.taint, naming.corrupted() || r.cutAtEndOfLog, r.rawText());
  }

  /** The first open report, or null. */
  private OpenReport firstOpen() {
    OpenReport first = null;
    for (Map<String, OpenReport> reports : List.of(open, analysedOn)) {
      for (OpenReport r : reports.values()) {
        if (first == null || r.headerLine < first.headerLine) {
          first = r;
        }
      }
    }
    return first;
  }

  private long firstOpenHeader() {
    OpenReport first = firstOpen();
    return first == null ? Long.MAX_VALUE : first.headerLine;
  }

  /**
   * Hands on the findings that no open report can precede any more. When too many wait for an
   * early report whose context fell silent, that report is closed.
   */
  private void release() {
    OpenReport first = firstOpen();
    held.release(first == null ? Long.MAX_VALUE : first.headerLine, false);
    if (held.size() > MAX_HELD_FINDINGS && first != null) {
      if (open.containsValue(first)) {
        close(first, Close.EVICTED);
      } else {
        name(first);
      }
    }
  }

  private static boolean containsAny(String text, List<String> needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
