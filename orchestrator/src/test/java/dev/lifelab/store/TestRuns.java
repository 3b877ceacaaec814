package dev.lifelab.store;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.KernelInfo;
import dev.lifelab.result.PlanInfo;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepTiming;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds RunResult values as test input, the way the runner would fill them in. */
public final class TestRuns {
  private TestRuns() {}

  public static Finding finding(String kind, String title, int start, int end) {
    return new Finding(kind, title, "console.log", start, end,
        List.of("dump_stack_lvl", "print_report", "kasan_report"), null, "G    B", false,
        "==================================================================\n"
            + "BUG: " + title + "\n"
            + "==================================================================");
  }

  public static HangRecord hang(String blockedIn) {
    Instant t = Instant.parse("2026-03-01T02:00:40Z");
    return new HangRecord(2, "echo 0-0050 > /sys/bus/i2c/drivers/at24/unbind",
        Duration.ofSeconds(30), t, t.plusMillis(1500), null, null, 412, "D",
        blockedIn, List.of("__schedule", "schedule", "wait_for_completion", blockedIn,
            "i2c_dw_remove"), blockedIn, null);
  }

  /** A complete run with the given outcome. */
  public static RunResult run(String runId, String target, String plan, String release,
      Verdict verdict, Instant started, List<Finding> findings, List<HangRecord> hangs) {
    Instant ended = started.plusSeconds(95);
    return new RunResult(RunResult.SCHEMA, runId, started, ended, "lab-host-1",
        new TargetInfo(target, "qemu", "virt", null),
        new KernelInfo("debian:" + release.replaceAll("\\.\\d+-.*", ""), release,
            "#1 SMP PREEMPT_DYNAMIC Debian", release.endsWith("amd64") ? "x86_64" : "arm64",
            "a1b2c3d4e5f6", "linux-image-" + release + " 1"),
        new PlanInfo(plan, "testplans/" + plan + ".yaml", "0123456789ab", null, null),
        verdict, null, verdict + " on " + release, findings, hangs,
        verdict == Verdict.INFRA_ERROR ? "boot: no login prompt within 120 s" : null,
        List.of(new StepTiming(0, "open", "ok", started.plusSeconds(60), started.plusSeconds(61),
                1000, 0),
            new StepTiming(1, "unbind", "ok", started.plusSeconds(61), started.plusSeconds(62),
                1000, 0)),
        true, "/var/tmp/lifelab/runs/" + runId);
  }

  public static RunResult pass(String runId, String target, String plan, String release,
      Instant started) {
    return run(runId, target, plan, release, Verdict.PASS, started, List.of(), List.of());
  }

  public static RunResult fail(String runId, String target, String plan, String release,
      Instant started, String title) {
    return run(runId, target, plan, release, Verdict.FAIL, started,
        List.of(finding("kasan", title, 100, 140)), List.of());
  }

  /** The same run as the runner records it when it starts: no outcome yet, incomplete. */
  public static RunResult started(RunResult r) {
    return new RunResult(r.schema(), r.runId(), r.startedAt(), null, r.host(), r.target(),
        r.kernel(), r.plan(), null, null, null, List.of(), List.of(), null, List.of(), false,
        r.runDir());
  }

  public static RunResult withRunDir(RunResult r, String dir) {
    return new RunResult(r.schema(), r.runId(), r.startedAt(), r.endedAt(), r.host(), r.target(),
        r.kernel(), r.plan(), r.verdict(), r.asExpected(), r.summary(), r.findings(), r.hangs(),
        r.infraError(), r.steps(), r.complete(), dir);
  }
}
