package dev.lifelab.kernellog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the function a blocked task is stuck in, from its kernel stack (/proc/PID/stack), by the
 * same rules the analyzer applies to the kernel's own hung-task reports: the stack is presented
 * to the analyzer as such a report.
 */
public final class BlockedTaskStack {
  private static final Pattern HUNG_IN = Pattern.compile("^INFO: task hung in (\\S+)");

  private BlockedTaskStack() {}

  /** The guilty function, innermost stack frame first in {@code stack}; null if none stands out. */
  public static String guiltyFrame(KernelLogAnalyzer analyzer, List<String> stack) {
    if (stack.isEmpty()) {
      return null;
    }
    StringBuilder report = new StringBuilder()
        .append("INFO: task lifelab:1 blocked for more than 1 seconds.\n")
        .append("      Not tainted\n")
        .append("task:lifelab state:D stack:0 pid:1 ppid:0 flags:0x00000000\n")
        .append("Call Trace:\n <TASK>\n");
    for (String frame : stack) {
      report.append(' ').append(frame).append("+0x0/0x0\n");
    }
    report.append(" </TASK>\n");
    for (Finding f : analyzer.analyze(report.toString(), "stack")) {
      Matcher m = HUNG_IN.matcher(f.title());
      if (m.find()) {
        return m.group(1);
      }
    }
    return stack.get(0);
  }
}
