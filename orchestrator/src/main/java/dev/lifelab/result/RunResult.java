package dev.lifelab.result;

import dev.lifelab.kernellog.Finding;
import java.time.Instant;
import java.util.List;

/**
 * Everything that one plan run concluded: the content of {@code results.json} in its run
 * directory and the unit recorded in the results store.
 *
 * @param schema version of this format
 * @param runId unique id of the run (also the run directory's name)
 * @param host host that drove the target
 * @param asExpected true/false when the plan states an expectation for this kernel, else null
 * @param summary one line for humans, e.g. {@code hang in i2c_del_adapter, returned 12.1 s later}
 * @param infraError what failed when the verdict is infra-error, naming the stage
 * @param complete false while the run is still going or when it was interrupted
 * @param runDir absolute path of the run directory
 */
public record RunResult(
    int schema,
    String runId,
    Instant startedAt,
    Instant endedAt,
    String host,
    TargetInfo target,
    KernelInfo kernel,
    PlanInfo plan,
    Verdict verdict,
    Boolean asExpected,
    String summary,
    List<Finding> findings,
    List<HangRecord> hangs,
    String infraError,
    List<StepTiming> steps,
    boolean complete,
    String runDir) {

  public static final int SCHEMA = 1;
}
