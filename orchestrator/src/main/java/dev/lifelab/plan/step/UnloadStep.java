package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.ShellQuote;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Unloads a module; a module still in use is reported by the exit code, not as an error. */
public record UnloadStep(String module, Duration timeout, Boolean check) implements Step {
  @JsonCreator
  public UnloadStep {
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    check = check != null && check;
  }

  @Override
  public void check(Checks c) {
    Steps.checkModule(c, module);
  }

  @Override
  public String type() {
    return "unload";
  }

  @Override
  public String describe() {
    return "unload " + module;
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    Instant start = Instant.now();
    String cmd = "modprobe -r " + ShellQuote.quote(module);
    return ctx.record(index, type(), describe(), cmd, Map.of("module", module), start,
        ctx.run(index, cmd, timeout), check);
  }
}
