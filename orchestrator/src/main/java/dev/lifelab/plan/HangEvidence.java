package dev.lifelab.plan;

import dev.lifelab.result.HangRecord;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel says about a blocked command, asked over a connection that is not stuck behind
 * it: state, wchan and kernel stack of the command's process and its descendants, and SysRq-w
 * (all blocked tasks) from the kernel log.
 */
final class HangEvidence {
  private static final Pattern FRAME = Pattern.compile("\\]\\s+([A-Za-z0-9_.$]+)\\+0x");

  private HangEvidence() {}

  /**
   * @param guiltyFrame picks the function to blame from a stack, innermost first
   */
  static HangRecord collect(Shell observer, int step, String command, int pid, Duration timeout,
      Instant timedOutAt, Function<List<String>, String> guiltyFrame) {
    String marker = "lifelab: sysrq-w for step " + step + " at " + timedOutAt.toEpochMilli();
    String script = "r=" + pid + "; "
        // The command's process tree, from the parent links of every process.
        + "pids=$(awk -v r=\"$r\" '/^PPid:/{split(FILENAME,f,\"/\"); pp[f[3]]=$2} "
        + "END{want[r]=1; print r; do{n=0; for(p in pp) if(want[pp[p]] && !want[p]){want[p]=1; print p; n++}} while(n)}' "
        + "/proc/[0-9]*/status 2>/dev/null); "
        + "for p in $pids; do echo \"== $p\"; cat /proc/$p/stat 2>/dev/null; echo; "
        + "echo \"wchan $(cat /proc/$p/wchan 2>/dev/null)\"; cat /proc/$p/stack 2>/dev/null; done; "
        + "echo ==sysrq; echo " + ShellQuote.quote(marker) + " > /dev/kmsg; echo w > /proc/sysrq-trigger; "
        + "sleep 0.2; dmesg | sed -n " + ShellQuote.quote("/" + marker.replace("/", "\\/") + "/,$p");
    String output;
    try {
      CommandResult r = observer.run(script, Duration.ofSeconds(20));
      output = r.stdout();
    } catch (ShellException e) {
      output = "";
    }
    Instant evidenceAt = Instant.now();
    return parse(step, command, pid, timeout, timedOutAt, evidenceAt, output, guiltyFrame);
  }

  static HangRecord parse(int step, String command, int pid, Duration timeout, Instant timedOutAt,
      Instant evidenceAt, String output, Function<List<String>, String> guiltyFrame) {
    String state = null;
    String wchan = null;
    List<String> stack = List.of();
    Integer blockedPid = null;
    String sysrq = null;
    int sysrqAt = output.indexOf("==sysrq\n");
    String tasks = sysrqAt < 0 ? output : output.substring(0, sysrqAt);
    if (sysrqAt >= 0) {
      sysrq = output.substring(sysrqAt + "==sysrq\n".length()).strip();
    }
    // Prefer the task in uninterruptible sleep: that is the one the kernel holds.
    for (String section : tasks.split("(?m)^== ")) {
      if (section.isBlank()) {
        continue;
      }
      String[] lines = section.split("\n");
      int p = Integer.parseInt(lines[0].trim());
      String s = null;
      String w = null;
      List<String> frames = new ArrayList<>();
      for (String line : lines) {
        int close = line.lastIndexOf(')');
        if (line.startsWith(p + " (") && close > 0 && close + 2 < line.length()) {
          s = line.substring(close + 2, close + 3);
        } else if (line.startsWith("wchan ")) {
          w = line.substring(6).trim();
        } else {
          Matcher m = FRAME.matcher(line);
          if (m.find()) {
            frames.add(m.group(1));
          }
        }
      }
      boolean better = blockedPid == null || ("D".equals(s) && !"D".equals(state));
      if (better) {
        blockedPid = p;
        state = s;
        wchan = w;
        stack = frames;
      }
    }
    String blockedIn = stack.isEmpty() ? (wchan == null || wchan.equals("0") ? null : wchan) : guiltyFrame.apply(stack);
    return new HangRecord(step, command, timeout, timedOutAt, evidenceAt, null, null,
        blockedPid == null ? pid : blockedPid, state, wchan, stack, blockedIn, sysrq);
  }
}
