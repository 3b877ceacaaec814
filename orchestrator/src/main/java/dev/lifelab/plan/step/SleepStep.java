package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import dev.lifelab.target.CommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Waits on the host, e.g. for the kernel's hung-task detector or delayed releases to fire. */
public record SleepStep(Duration duration) implements Step {
  @JsonCreator
  public SleepStep {
  }

  @Override
  public void check(Checks c) {
    c.require(duration != null && !duration.isNegative(), "duration", "is required, e.g. 5s");
  }

  @Override
  public String type() {
    return "sleep";
  }

  @Override
  public String describe() {
    return "sleep " + duration.toMillis() + " ms";
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    Instant start = Instant.now();
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ctx.record(index, type(), describe(), null, Map.of(), start,
        new StepContext.Outcome(new CommandResult(0, "", "", duration), null, null, false), false);
  }
}
