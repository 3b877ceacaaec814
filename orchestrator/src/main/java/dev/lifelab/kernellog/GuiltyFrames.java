package dev.lifelab.kernellog;

import dev.lifelab.kernellog.ReportFormat.FrameRule;
import dev.lifelab.kernellog.ReportFormat.Part;
import dev.lifelab.kernellog.ReportFormat.RegexPart;
import dev.lifelab.kernellog.ReportFormat.StackPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the frames that name a report: walks a {@link FrameRule}'s parts through the report
 * lines, collecting the functions their regexes capture and the frames of stack traces, leaving
 * out generic frames, then picks one per stack trace.
 */
final class GuiltyFrames {
  /** What a frame is called when none could be found. */
  static final String CORRUPTED = "corrupted";

  private final KernelMessageTable table;

  GuiltyFrames(KernelMessageTable table) {
    this.table = table;
  }

  /**
   * The guilty frames of the report, one per stack trace the rule walks.
   *
   * @param from position in the report text where the walk starts (the format's match)
   */
  Result find(FrameRule rule, ReportText text, int from) {
    Result first = walk(rule, rule.parts(), text, from);
    if (first.complete() || rule.fallback().isEmpty()) {
      return first;
    }
    return walk(rule, rule.fallback(), text, from);
  }

  /**
   * @param frames one chosen frame per stack trace ({@link #CORRUPTED} where none was found)
   * @param complete every stack trace yielded a frame and no corrupted line was met
   */
  record Result(List<String> frames, boolean complete) {}

  private Result walk(FrameRule rule, List<Part> parts, ReportText text, int from) {
    List<String> collected = new ArrayList<>();
    List<String> chosen = new ArrayList<>();
    boolean complete = true;
    int stackTraces = 0;
    int next = text.lineAt(from);
    for (int partIndex = 0; ; partIndex++) {
      boolean endOfParts = partIndex == parts.size();
      if (endOfParts || parts.get(partIndex) instanceof StackPart && stackTraces > 0) {
        String frame = pick(rule, collected);
        if (frame == null) {
          frame = CORRUPTED;
          complete = false;
        }
        chosen.add(frame);
        collected.clear();
      }
      if (endOfParts) {
        break;
      }
      Part part = parts.get(partIndex);
      if (part instanceof StackPart) {
        stackTraces++;
        RegexPart following = partIndex + 1 < parts.size()
            && parts.get(partIndex + 1) instanceof RegexPart r ? r : null;
        while (next < text.size()) {
          int index = next++;
          String line = text.lineFrom(index, from);
          if (table.corruptedLines.anyFinds(line)) {
            complete = false;
            break;
          }
          if (text.isStackStart(index, from)) {
            break;
          }
          if (following != null && following.mayMatch(line)) {
            Matcher m = following.pattern().matcher(line);
            if (m.find()) {
              addFrames(m, rule, collected);
              partIndex++;
              break;
            }
          }
          String[] frame = text.frameGroups(index, from);
          if (frame != null) {
            addFrames(frame, rule, collected);
          }
        }
      } else {
        RegexPart regex = (RegexPart) part;
        while (next < text.size()) {
          String line = text.lineFrom(next++, from);
          if (table.corruptedLines.anyFinds(line)) {
            complete = false;
            break;
          }
          if (!regex.mayMatch(line)) {
            continue;
          }
          Matcher m = regex.pattern().matcher(line);
          if (m.find()) {
            addFrames(m, rule, collected);
            break;
          }
        }
      }
    }
    return new Result(List.copyOf(chosen), complete);
  }

  private static void addFrames(Matcher m, FrameRule rule, List<String> collected) {
    String[] groups = new String[m.groupCount()];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = m.group(g + 1);
    }
    addFrames(groups, rule, collected);
  }

  private static void addFrames(String[] groups, FrameRule rule, List<String> collected) {
    for (String frame : groups) {
      if (frame == null) {
        continue;
      }
      frame = RustSymbols.demangle(frame);
      if (!rule.skip().skips(frame)) {
        collected.add(frame);
      }
    }
  }

  private String pick(FrameRule rule, List<String> frames) {
    if (frames.isEmpty()) {
      return null;
    }
    List<String> stripped = new ArrayList<>(frames.size());
    for (String f : frames) {
      stripped.add(stripSyscallPrefix(f));
    }
    return switch (rule.pick()) {
      case FIRST -> stripped.get(0);
      case STALL -> stallFrame(stripped);
      case HANG -> hangFrame(stripped);
    };
  }

  /** The shortest remainder after removing one of the syscall-entry prefixes. */
  String stripSyscallPrefix(String frame) {
    String shortest = frame;
    for (String prefix : table.stripPrefixes) {
      if (frame.startsWith(prefix) && frame.length() - prefix.length() < shortest.length()) {
        shortest = frame.substring(prefix.length());
      }
    }
    return shortest;
  }

  /** Loops span several functions: name them after what the dispatch point below runs. */
  private String stallFrame(List<String> frames) {
    String previous = frames.get(0);
    for (String frame : frames) {
      if (table.stallAnchors.anyFinds(frame)) {
        for (String self : table.stallSelfAnchors) {
          if (frame.contains(self)) {
            return self;
          }
        }
        return previous;
      }
      previous = frame;
    }
    return null;
  }

  /** Hangs show up in whoever waits: group the well-known waits, else skip waiting helpers. */
  private String hangFrame(List<String> frames) {
    for (String frame : frames) {
      for (Map.Entry<String, String> anchor : table.hangAnchors.entrySet()) {
        if (frame.contains(anchor.getKey())) {
          return anchor.getValue().isEmpty() ? frame : anchor.getValue();
        }
      }
    }
    next:
    for (String frame : frames) {
      for (String skip : table.hangSkip) {
        if (frame.contains(skip)) {
          continue next;
        }
      }
      return frame;
    }
    return null;
  }

}
