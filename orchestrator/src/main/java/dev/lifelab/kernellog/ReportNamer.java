package dev.lifelab.kernellog;

import dev.lifelab.kernellog.ReportFormat.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a report: picks the format of its group that matches earliest in the report text, fills
 * the format's title template with the captured text and the guilty frame, and decides whether
 * the report is too damaged to be trusted.
 */
final class ReportNamer {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+|frame\\d*)}");
  private static final String NO_STACK_TRACE = "(stack is not available)";
  private static final int FRAME_LOOKAHEAD = 15;

  private static final int MAX_REMEMBERED = 10_000;

  private final KernelMessageTable table;
  private final GuiltyFrames guiltyFrames;
  private final java.util.concurrent.ConcurrentHashMap<String, String> sanitized =
      new java.util.concurrent.ConcurrentHashMap<>();

  ReportNamer(KernelMessageTable table) {
    this.table = table;
    this.guiltyFrames = new GuiltyFrames(table);
  }

  /**
   * @param title the report's title, stable across runs
   * @param format the format that named it, or null when only the header was recognised
   * @param corrupted the report is cut, interleaved or otherwise not what its format expects
   */
  record Naming(String title, ReportFormat format, boolean corrupted) {}

  /**
   * @param lines the report's text from its header line on, without console prefixes
   * @param lineFrames for each line its stack-frame groups as far as known (see {@link ReportText})
   */
  Naming name(Group group, List<String> lines, List<String[]> lineFrames) {
    ReportText text = new ReportText(lines, lineFrames, table);
    int earliest = Integer.MAX_VALUE;
    String description = null;
    ReportFormat chosen = null;
    boolean corrupted = false;
    boolean anyMatched = false;
    // Most reports are named by their first line: formats that cannot match across lines are
    // tried on it alone first, and on the whole text only when nothing matched there.
    String firstLine = lines.isEmpty() ? "" : lines.get(0);
    boolean wholeText = group.formats().stream().noneMatch(f -> f.singleLine() && f.match().matcher(firstLine).find());
    for (ReportFormat f : group.formats()) {
      Matcher m = f.match().matcher(f.singleLine() && !wholeText ? firstLine : text.joined);
      if (!m.find() || m.start() > earliest || m.start() == earliest && description != null) {
        continue;
      }
      if (m.start() < earliest) {
        description = null;
        chosen = null;
        earliest = m.start();
      }
      anyMatched = true;
      if (f.details() != null) {
        m = f.details().matcher(text.joined);
        if (!m.find()) {
          continue;
        }
      }
      List<String> frames = List.of();
      corrupted = false;
      if (f.frames() != null) {
        GuiltyFrames.Result found = guiltyFrames.find(f.frames(), text, m.start());
        frames = found.frames();
        corrupted = !found.complete();
      }
      description = fill(f.title(), m, frames);
      chosen = f;
    }
    if (description == null) {
      corrupted = anyMatched;
      description = headerLine(text.joined, group.header());
    }
    if (chosen != null && chosen.corrupted()) {
      corrupted = true;
    }
    String title = sanitize(description);
    if (!corrupted) {
      corrupted = looksCorrupted(title, text, chosen);
    }
    return new Naming(title, chosen, corrupted);
  }

  private static String fill(String template, Matcher m, List<String> frames) {
    Matcher p = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (p.find()) {
      String name = p.group(1);
      String value;
      if (name.startsWith("frame")) {
        int index = name.length() == 5 ? 0 : Integer.parseInt(name.substring(5)) - 1;
        value = index < frames.size() ? frames.get(index) : GuiltyFrames.CORRUPTED;
      } else {
        int group = Integer.parseInt(name);
        value = group <= m.groupCount() && m.group(group) != null ? m.group(group) : "";
      }
      p.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    p.appendTail(out);
    return out.toString();
  }

  private static String headerLine(String text, String header) {
    int start = text.indexOf(header);
    if (start < 0) {
      start = 0;
    }
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  /**
   * Replaces what varies between runs of the same bug (addresses, numbers, offsets). A log
   * repeats its bugs, so titles already made are remembered.
   */
  String sanitize(String description) {
    String known = sanitized.get(description);
    if (known != null) {
      return known;
    }
    String title = sanitizeNow(description);
    if (sanitized.size() > MAX_REMEMBERED) {
      sanitized.clear();
    }
    sanitized.put(description, title);
    return title;
  }

  private String sanitizeNow(String description) {
    String s = description;
    for (Map.Entry<Pattern, String> r : table.titleReplacements) {
      for (String previous = null; !s.equals(previous); ) {
        previous = s;
        s = r.getKey().matcher(s).replaceAll(r.getValue());
      }
    }
    StringBuilder out = new StringBuilder(s.length());
    char previous = ' ';
    for (int i = 0; i < s.length() && i < table.maxTitleLength; i++) {
      char c = s.charAt(i);
      if (c == '\t') {
        c = ' ';
      } else if (c < 0x20 || c >= 0x7f) {
        continue;
      }
      if (c == ' ' && previous == ' ') {
        continue;
      }
      out.append(c);
      previous = c;
    }
    return out.toString().trim();
  }

  /**
   * A report is damaged when its title has console output mixed in, or when a format that
   * expects a stack trace has none, or a stack trace has no frames.
   */
  private boolean looksCorrupted(String title, ReportText text, ReportFormat format) {
    if (table.corruptedTitles.anyFinds(title)) {
      return true;
    }
    if (format == null || format.noStack()) {
      return false;
    }
    boolean hasStackTrace = false;
    for (int k = 0; k < table.stackStarts.size(); k++) {
      int line = firstLineWith(text, k);
      if (line < 0) {
        continue;
      }
      // the text from the keyword on, split at newlines, counting the empty piece after the last
      int pieces = text.size() - line + 1;
      if (pieces < 4) {
        return true;
      }
      boolean framed = false;
      for (int i = line + 1; i < text.size() && i <= line + FRAME_LOOKAHEAD; i++) {
        if (text.stackStartMask(i) != 0) {
          break;
        }
        String candidate = text.lines.get(i);
        if (candidate.contains(NO_STACK_TRACE) || text.frameGroups(i, 0) != null) {
          framed = true;
          break;
        }
      }
      if (!framed) {
        return true;
      }
      hasStackTrace = true;
    }
    return !hasStackTrace;
  }

  private static int firstLineWith(ReportText text, int stackStart) {
    for (int i = 0; i < text.size(); i++) {
      if ((text.stackStartMask(i) & (1 << stackStart)) != 0) {
        return i;
      }
    }
    return -1;
  }
}
