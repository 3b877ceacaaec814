package dev.lifelab.kernellog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One way a kernel report of a family can look, compiled from the table.
 *
 * @param kind family reported to the user ({@code kasan}, {@code warning}, ...)
 * @param match identifies the format anywhere in the report text
 * @param details optional second regex (may span lines) whose groups replace those of match
 * @param title template: {@code {1}}... regex groups, {@code {frame}} the guilty frame
 * @param frames how to find the guilty frame, or null when the title needs none
 * @param noStack the report carries no stack trace of its own
 * @param corrupted the format only matches damaged reports
 * @param singleLine the match regex cannot span lines, so its leftmost match in a line is also
 *     its leftmost match in the text that starts with that line
 */
record ReportFormat(
    String kind,
    Pattern match,
    Pattern details,
    String title,
    FrameRule frames,
    boolean noStack,
    boolean corrupted,
    boolean singleLine) {

  /** Regex syntax through which a match may run over a line end. */
  private static final List<String> CROSSES_LINES = List.of("\\n", "\\s", "[^", "\\W", "\\D", "\\p", "(?s");

  /** Whether a regex cannot match a newline, so its matches lie within a line. */
  static boolean withinLines(Pattern regex) {
    String source = regex.pattern();
    for (String syntax : CROSSES_LINES) {
      if (source.contains(syntax)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A family of reports sharing a header literal, e.g. every {@code BUG:} report.
   *
   * @param kind the family's kind when none of its formats matches
   * @param leadIn the header is a message that the report's real header follows closely
   */
  record Group(String header, String kind, List<Pattern> suppress, boolean leadIn,
      List<ReportFormat> formats) {

    /** The line carries this group's header and is not one of its look-alikes. */
    boolean startsReport(String line) {
      if (!line.contains(header)) {
        return false;
      }
      for (Pattern p : suppress) {
        if (p.matcher(line).find()) {
          return false;
        }
      }
      return true;
    }

    /** One of the group's formats matches the line by itself. */
    boolean recognises(String line) {
      for (ReportFormat f : formats) {
        if (f.match().matcher(line).find()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * How the guilty frame is found: parts are walked in order through the report text.
   *
   * @param parts regexes whose groups are frames, or stack traces
   * @param fallback parts tried when {@code parts} find no frame, or empty
   * @param skip frames never chosen
   * @param pick how the frame is chosen among the collected ones
   */
  record FrameRule(List<Part> parts, List<Part> fallback, SkipList skip, Pick pick) {}

  /**
   * Frames that never name a report: the table's shared skip sets (compiled once per combination
   * of sets) and a format's own additions, each entry its own regex so that most are turned down
   * by a literal they need. Function names repeat across reports, so decisions are remembered,
   * by every format with the same skip list.
   */
  static final class SkipList {
    private static final int MAX_REMEMBERED = 50_000;
    private final PatternSet shared;
    private final PatternSet own;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> decided =
        new java.util.concurrent.ConcurrentHashMap<>();

    SkipList(PatternSet shared, PatternSet own) {
      this.shared = shared;
      this.own = own;
    }

    boolean skips(String frame) {
      Boolean known = decided.get(frame);
      if (known != null) {
        return known;
      }
      boolean skip = shared != null && shared.anyFinds(frame) || own != null && own.anyFinds(frame);
      if (decided.size() > MAX_REMEMBERED) {
        decided.clear();
      }
      decided.put(frame, skip);
      return skip;
    }
  }

  /** A step of a {@link FrameRule}. */
  sealed interface Part permits RegexPart, StackPart {}

  /**
   * The first line matching the regex; its groups, if any, are frames. {@code literals}: texts
   * one of which a matching line holds (null: none known), to skip the regex on other lines.
   */
  record RegexPart(Pattern pattern, String[] literals) implements Part {
    boolean mayMatch(String line) {
      return PatternSet.mayMatch(line, literals);
    }
  }

  /** The frames of the stack trace starting at the current line. */
  record StackPart() implements Part {}

  /** How to choose the frame that names the report among those collected. */
  enum Pick {
    /** The innermost frame not skipped. */
    FIRST,
    /** The frame just above the first dispatch point (syscall, work item, timer) of a loop. */
    STALL,
    /** The first frame that is not a waiting primitive, grouping common hang points. */
    HANG
  }
}
