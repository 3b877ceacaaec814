package dev.lifelab.report;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.RunResult;
import dev.lifelab.store.FindingSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing a run found wrong with the kernel, as the report shows it: a finding from the
 * kernel log, or a hang of a plan step (titled {@code hang in FUNCTION}).
 *
 * @param kind finding kind ({@code kasan}, {@code warning}, ...) or {@code hang}
 * @param title the finding's title, or {@code hang in FUNCTION}
 * @param signature the title normalised so that it matches across kernel versions
 * @param text the report text, or for a hang the evidence collected
 * @param source log file of the finding inside the run directory, or null
 * @param startLine first line of the report in that log (1-based), 0 if unknown
 * @param endLine last line of the report in that log, 0 if unknown
 * @param hangIn function a hung step was blocked in, or null
 */
public record Problem(
    String kind,
    String title,
    String signature,
    String text,
    String source,
    int startLine,
    int endLine,
    String hangIn) {

  /** The findings, then the hangs, of a run. */
  public static List<Problem> of(RunResult run) {
    List<Problem> out = new ArrayList<>();
    if (run.findings() != null) {
      for (Finding f : run.findings()) {
        String title = f.title() == null ? "(untitled " + f.kind() + ")" : f.title();
        out.add(new Problem(f.kind(), title, FindingSignature.of(title), f.report(), f.source(),
            f.startLine(), f.endLine(), null));
      }
    }
    if (run.hangs() != null) {
      for (HangRecord h : run.hangs()) {
        String fn = h.blockedIn() != null ? h.blockedIn() : h.wchan();
        String title = fn != null ? "hang in " + fn : "hang at step " + h.step();
        out.add(new Problem("hang", title, FindingSignature.of(title), evidence(h), null, 0, 0,
            fn));
      }
    }
    return out;
  }

  private static String evidence(HangRecord h) {
    StringBuilder sb = new StringBuilder();
    sb.append("step ").append(h.step()).append(": ").append(h.command()).append('\n');
    if (h.timeout() != null) {
      sb.append("no return within ").append(h.timeout().toMillis() / 1000.0).append(" s");
    }
    if (h.returnedAt() != null && h.timedOutAt() != null) {
      double later = (h.returnedAt().toEpochMilli() - h.timedOutAt().toEpochMilli()) / 1000.0;
      sb.append("; returned ").append(later).append(" s after the timeout");
      if (h.exitCodeOnReturn() != null) {
        sb.append(" with exit code ").append(h.exitCodeOnReturn());
      }
    } else {
      sb.append("; never returned");
    }
    sb.append('\n');
    if (h.pid() != null) {
      sb.append("pid ").append(h.pid()).append(" state ").append(h.state())
          .append(" wchan ").append(h.wchan()).append('\n');
    }
    if (h.stack() != null && !h.stack().isEmpty()) {
      sb.append("stack:\n");
      for (String frame : h.stack()) {
        sb.append("  ").append(frame).append('\n');
      }
    }
    if (h.sysrqW() != null) {
      sb.append("SysRq-w:\n").append(h.sysrqW()).append('\n');
    }
    return sb.toString();
  }
}
