package dev.lifelab.kernellog;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The analysed lines of a report, joined for the regexes that span lines, with what the naming
 * asks of each line more than once (is it the start of a stack trace?) worked out once.
 */
final class ReportText {
  private static final int UNKNOWN = -1;
  /** Stands for stack-frame groups not worked out yet. */
  static final String[] NOT_KNOWN = new String[0];

  final List<String> lines;
  private final String[][] frames;
  private final KernelMessageTable table;
  final String joined;
  private final int[] lineStarts;
  private final int[] stackStarts;
  private final List<Pattern> stackStartPatterns;
  private final List<String> stackStartLiterals;

  /**
   * @param stackStartPatterns what starts a stack trace
   * @param stackStartLiterals text each pattern's lines must contain (or null): most lines lack it
   */
  ReportText(List<String> lines, List<String[]> frames, KernelMessageTable table) {
    this(lines, frames, table, table.stackStarts, table.stackStartLiterals);
  }

  /**
   * @param frames for each line its stack-frame groups, null (not a frame) or {@link #NOT_KNOWN};
   *     or null when none are known
   */
  private ReportText(List<String> lines, List<String[]> frames, KernelMessageTable table,
      List<Pattern> stackStartPatterns, List<String> stackStartLiterals) {
    if (stackStartPatterns.size() > 31) {
      throw new IllegalArgumentException("at most 31 stack start patterns");
    }
    this.lines = lines;
    this.table = table;
    this.frames = new String[lines.size()][];
    for (int i = 0; i < lines.size(); i++) {
      this.frames[i] = frames == null ? NOT_KNOWN : frames.get(i);
    }
    this.stackStartPatterns = stackStartPatterns;
    this.stackStartLiterals = stackStartLiterals;
    this.lineStarts = new int[lines.size()];
    this.stackStarts = new int[lines.size()];
    Arrays.fill(stackStarts, UNKNOWN);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      lineStarts[i] = sb.length();
      sb.append(lines.get(i)).append('\n');
    }
    this.joined = sb.toString();
  }

  int size() {
    return lines.size();
  }

  /** The line holding a position of the joined text. */
  int lineAt(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i : -i - 2;
  }

  /** A line at or after the one holding {@code start}; of that one, its rest from there on. */
  String lineFrom(int line, int start) {
    int column = start - lineStarts[line];
    return column > 0 ? lines.get(line).substring(column) : lines.get(line);
  }

  /**
   * The groups of the stack-frame regex that matches the line (cut at {@code start} if it holds
   * it), or null when it is not a stack frame.
   */
  String[] frameGroups(int line, int start) {
    if (start > lineStarts[line]) {
      return table.frameGroups(lineFrom(line, start));
    }
    String[] groups = frames[line];
    if (groups == NOT_KNOWN) {
      groups = table.frameGroups(lines.get(line));
      frames[line] = groups;
    }
    return groups;
  }

  /** Whether the line (cut at {@code start} if it holds it) starts a stack trace. */
  boolean isStackStart(int line, int start) {
    if (start > lineStarts[line]) {
      return stackStartMask(lineFrom(line, start), stackStartPatterns, stackStartLiterals) != 0;
    }
    return stackStartMask(line) != 0;
  }

  /** Bit k is set when stack-start pattern k matches the line. */
  int stackStartMask(int line) {
    int mask = stackStarts[line];
    if (mask == UNKNOWN) {
      mask = stackStartMask(lines.get(line), stackStartPatterns, stackStartLiterals);
      stackStarts[line] = mask;
    }
    return mask;
  }

  /**
   * @param literals for each pattern, text a matching line must contain, or null
   */
  static int stackStartMask(String line, List<Pattern> patterns, List<String> literals) {
    int mask = 0;
    for (int k = 0; k < patterns.size(); k++) {
      String literal = literals.get(k);
      if ((literal == null || line.contains(literal)) && patterns.get(k).matcher(line).find()) {
        mask |= 1 << k;
      }
    }
    return mask;
  }
}
