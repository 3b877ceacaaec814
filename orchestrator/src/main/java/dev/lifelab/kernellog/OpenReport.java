package dev.lifelab.kernellog;

import dev.lifelab.kernellog.ReportFormat.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A report being read: its raw text (bounded), the prefix-free lines it is named from, and what
 * the log said about the kernel on the way.
 */
final class OpenReport {
  private static final int MAX_FRAMES = 64;

  private final KernelMessageTable table;
  final String context;
  Group group;
  final long startLine;
  long headerLine;
  long endLine;
  /** Log line count when the report last took a line, to close reports whose context fell silent. */
  long lastGrowth;

  private final StringBuilder raw = new StringBuilder();
  private boolean rawFull;
  /** Raw text length and line number at the last line that looked like report content. */
  private int rawAtContent;
  private long contentLine;
  int quietLines;

  final List<String> analysed = new ArrayList<>();
  /** For each analysed line its stack-frame groups ({@link ReportText#frameGroups}), worked out once. */
  final List<String[]> analysedFrames = new ArrayList<>();
  private int textLines;
  private boolean restIsTrailer;
  private int trailerMinLines;
  boolean otherCpusFollow;

  /** Marker that closes the report because it also opened it ("=====" around sanitizer reports). */
  String closingMarker;
  /** The end marker was seen; lines after it are held in case a panic continues the report. */
  boolean ended;
  private final List<ConsoleLine> afterEnd = new ArrayList<>();
  private int linesAfterEnd;
  private boolean lastLineWasFrame;
  private boolean extentClosed;
  private boolean openedByMarker;
  private boolean endMarkerSeen;
  private int linesAfterExtent;
  /** The log ended while the report's stack trace was still being printed. */
  boolean cutAtEndOfLog;

  private final List<String> frames = new ArrayList<>();
  private boolean framesDone;
  String kernelVersion;
  String taint;

  OpenReport(KernelMessageTable table, Group group, ConsoleLine header, List<ConsoleLine> leadIn,
      long logLines) {
    this.table = table;
    this.context = header.context();
    this.startLine = leadIn.isEmpty() ? header.number() : leadIn.get(0).number();
    for (ConsoleLine l : leadIn) {
      appendRaw(l);
      for (String marker : table.leadInMarkers) {
        if (l.text().contains(marker)) {
          openedByMarker = true;
          if (closingMarker == null && marker.startsWith("=")) {
            closingMarker = marker;
          }
        }
      }
    }
    restartAt(group, header);
    lastGrowth = logLines;
  }

  /** Starts the analysed text over at a header (used when a lead-in is followed by its WARNING). */
  void restartAt(Group newGroup, ConsoleLine header) {
    group = newGroup;
    headerLine = header.number();
    analysed.clear();
    analysedFrames.clear();
    frames.clear();
    framesDone = false;
    textLines = 0;
    restIsTrailer = false;
    trailerMinLines = table.limits.trailers().minLines();
    table.limits.trailers().minLinesWhenHeaderHas().forEach((needle, lines) -> {
      if (header.raw().contains(needle)) {
        trailerMinLines = lines;
      }
    });
    appendRaw(header);
    markContent(header);
    analyse(header, true, ReportText.NOT_KNOWN);
  }

  /** Whether a line of this context (or another CPU's backtrace) belongs to this report. */
  boolean accepts(ConsoleLine line) {
    return line.context().equals(context)
        || otherCpusFollow && line.isCpuContext() && !line.context().equals(context);
  }

  boolean hasCallerIds() {
    return ConsoleLine.isCallerId(context);
  }

  /** The line is the report's end marker: the report's text ends with it. */
  void endAt(ConsoleLine marker) {
    ended = true;
    endMarkerSeen = true;
    markContent(marker);
  }

  /**
   * Counts a line of the log after the end marker, holding it when it is the report's own (a
   * panic may follow and continue the report); returns how many lines came since the end.
   */
  int afterEnd(ConsoleLine ownLine) {
    if (ownLine != null) {
      afterEnd.add(ownLine);
    }
    return ++linesAfterEnd;
  }

  /** A line that continues the report (a panic it caused): takes it and what was held before it. */
  void resume(ConsoleLine line, long logLines) {
    for (ConsoleLine held : afterEnd) {
      add(held, logLines);
    }
    afterEnd.clear();
    linesAfterEnd = 0;
    ended = false;
    add(line, logLines);
    markContent(line);
  }

  /** Reports opened by a "cut here" or "=====" line close with an end marker; not seen yet. */
  boolean missesEndMarker() {
    return openedByMarker && !endMarkerSeen;
  }

  /** The report's last line is a stack frame: the log may have been cut inside its stack trace. */
  boolean lastLineWasFrame() {
    return lastLineWasFrame;
  }

  int linesAfterExtent() {
    return linesAfterExtent;
  }

  void add(ConsoleLine line, long logLines) {
    lastGrowth = logLines;
    if (extentClosed) {
      linesAfterExtent++;
    }
    String text = line.text();
    String[] frame = table.frameGroups(text);
    lastLineWasFrame = line.questionable() || frame != null;
    appendRaw(line);
    if (lastLineWasFrame || table.isContentLine(text)) {
      markContent(line);
    } else {
      quietLines++;
    }
    if (!line.questionable() && analyse(line, false, frame)) {
      collectFrame(text, frame);
    }
    noteKernelInfo(text);
  }

  int lineCount() {
    return analysed.size();
  }

  /** Adds the line to the analysed text unless it is left out; says whether it was added. */
  private boolean analyse(ConsoleLine line, boolean header, String[] frame) {
    String text = line.text();
    textLines++;
    boolean skip = restIsTrailer;
    if (containsAny(text, table.ignoredLines)) {
      skip = true;
    } else if (text.contains(table.limits.otherCpusFollow())) {
      otherCpusFollow = true;
    } else if (textLines > trailerMinLines && containsAny(text, table.trailerPatterns)) {
      // A panic or lockdep report printed because of this one: it is not part of the analysis.
      restIsTrailer = true;
      skip = true;
    }
    if (header) {
      noteKernelInfo(text);
    } else if (skip) {
      return false;
    }
    if (analysed.size() < table.limits.maxLines()) {
      analysed.add(text);
      analysedFrames.add(frame);
    }
    return true;
  }

  private static boolean containsAny(String text, List<String> needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /** The first run of stack frames after the header is the call trace shown to the user. */
  private void collectFrame(String text, String[] frame) {
    if (framesDone) {
      return;
    }
    if (frame != null) {
      if (frames.size() < MAX_FRAMES) {
        frames.add(RustSymbols.demangle(frame[0]));
      }
    } else if (!frames.isEmpty() && !isStackMarker(text)) {
      framesDone = true;
    }
  }

  private static boolean isStackMarker(String text) {
    String t = text.strip();
    return t.startsWith("<") && t.endsWith(">") || t.startsWith("Exception stack");
  }

  private void noteKernelInfo(String text) {
    if (kernelVersion == null && PatternSet.mayMatch(text, table.kernelVersionLiterals)) {
      Matcher v = table.kernelVersion.matcher(text);
      if (v.find()) {
        kernelVersion = firstGroup(v);
        Matcher t = table.taint.matcher(text);
        if (t.find()) {
          taint = t.group(1).replace(" ", "");
        }
      }
    }
  }

  private static String firstGroup(Matcher m) {
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    return m.group();
  }

  private void markContent(ConsoleLine line) {
    quietLines = 0;
    if (extentClosed) {
      return;
    }
    contentLine = line.number();
    rawAtContent = raw.length();
  }

  /**
   * Ends the report's extent (text and last line) at its last content line, while its analysed
   * text may go on: with caller ids a second report of the same task can be nested in this one,
   * which then continues after it.
   */
  void closeExtent() {
    trimToContent();
    extentClosed = true;
  }

  private void appendRaw(ConsoleLine line) {
    if (extentClosed) {
      return;
    }
    endLine = line.number();
    if (rawFull) {
      return;
    }
    if (raw.length() + line.raw().length() + 1 > table.limits.maxChars()) {
      rawFull = true;
      return;
    }
    raw.append(line.raw()).append('\n');
  }

  /** Drops what came after the last line that looked like report content. */
  void trimToContent() {
    if (!extentClosed) {
      raw.setLength(rawAtContent);
      endLine = contentLine;
    }
  }

  String rawText() {
    return raw.toString();
  }

  List<String> frames() {
    return List.copyOf(frames);
  }
}
