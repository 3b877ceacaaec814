package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.Holders;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;

/** Closes what a holder holds: its process ends, the kernel releases the file. */
public record CloseStep(String name, Duration timeout) implements Step {
  @JsonCreator
  public CloseStep {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  @Override
  public void check(Checks c) {
    Steps.checkName(c, name);
  }

  @Override
  public String type() {
    return "close";
  }

  @Override
  public String describe() {
    return "close " + name;
  }

  @Override
  public String uses() {
    return name;
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    return Holders.close(index, this, ctx);
  }
}
