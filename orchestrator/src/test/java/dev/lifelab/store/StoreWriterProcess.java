package dev.lifelab.store;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Main class of a second JVM that records runs into a store, the way a lifelab process on
 * another host (or a second lifelab on the same host) does.
 *
 * <p>Arguments: store URL, run id prefix, number of runs, wall-clock millis to start at (so that
 * all writers start together and collide).
 */
public final class StoreWriterProcess {
  public static final int FINDINGS_PER_RUN = 3;

  private StoreWriterProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    long startAt = Long.parseLong(args[3]);
    long wait = startAt - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    Instant t0 = Instant.parse("2026-03-01T02:00:00Z");
    try (ResultStore store = ResultStore.open(url)) {
      for (int i = 0; i < count; i++) {
        String id = prefix + "-" + i;
        List<Finding> findings = new ArrayList<>();
        for (int f = 0; f < FINDINGS_PER_RUN; f++) {
          findings.add(TestRuns.finding("warning", "WARNING in " + prefix + "_" + i + "_" + f,
              10 * f + 1, 10 * f + 9));
        }
        RunResult r = TestRuns.run(id, "qemu-arm64-virt", "plan-" + (i % 4), "6.1.0-47-arm64",
            Verdict.FAIL, t0.plusSeconds(i), findings, List.of());
        store.recordStarted(TestRuns.started(r));
        store.recordFinished(r);
        if (i % 5 == 0) {
          // Re-analysis while the other process writes: must not lose either.
          store.updateFindings(id, findings);
        }
        // Real writers pause between runs; without a pause one writer can hold SQLite's lock
        // back to back and the other only gets its turn at the end, which tests no overlap.
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 8));
      }
    }
    System.out.println("wrote " + count);
  }
}
