package dev.lifelab.result;

import dev.lifelab.kernellog.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a recorded run (steps, hangs, findings, infra error) into a verdict. A pure function of
 * the history, so {@code analyze RUN_DIR} can re-judge an old run with a newer analyzer.
 */
public final class Judge {
  private Judge() {}

  /** The verdict with its one-line summary and whether it matches the plan's expectation. */
  public record Judgement(Verdict verdict, Boolean asExpected, String summary) {}

  public static Judgement judge(PlanInfo plan, List<HangRecord> hangs, List<Finding> findings, String infraError) {
    Verdict verdict;
    if (!hangs.isEmpty()) {
      verdict = Verdict.HANG;
    } else if (!findings.isEmpty()) {
      // A kernel report explains a lost target better than the lost connection does.
      verdict = Verdict.FAIL;
    } else if (infraError != null) {
      verdict = Verdict.INFRA_ERROR;
    } else {
      verdict = Verdict.PASS;
    }
    Boolean asExpected = null;
    if (plan != null && plan.expectedVerdict() != null && verdict != Verdict.INFRA_ERROR) {
      asExpected = verdict == plan.expectedVerdict()
          && (plan.expectedIn() == null || names(plan.expectedIn(), hangs, findings));
    }
    return new Judgement(verdict, asExpected, summary(verdict, hangs, findings, infraError));
  }

  private static boolean names(String in, List<HangRecord> hangs, List<Finding> findings) {
    for (HangRecord h : hangs) {
      if (h.blockedIn() != null && h.blockedIn().contains(in)) {
        return true;
      }
    }
    for (Finding f : findings) {
      if (f.title() != null && f.title().contains(in)) {
        return true;
      }
    }
    return false;
  }

  static String summary(Verdict verdict, List<HangRecord> hangs, List<Finding> findings, String infraError) {
    List<String> parts = new ArrayList<>();
    for (HangRecord h : hangs) {
      String s = "step " + h.step() + " hung" + (h.blockedIn() == null ? "" : " in " + h.blockedIn());
      if (h.returnedAt() != null) {
        s += ", returned " + seconds(Duration.between(h.timedOutAt(), h.returnedAt()))
            + " after its timeout" + (h.exitCodeOnReturn() == null ? "" : " (exit " + h.exitCodeOnReturn() + ")");
      } else {
        s += ", never returned";
      }
      parts.add(s);
    }
    for (Finding f : findings) {
      parts.add(f.title());
    }
    if (infraError != null) {
      parts.add(infraError);
    }
    return verdict.label() + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
  }

  private static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
