package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.ShellQuote;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Loads a module (it is put into the guest image). */
public record LoadStep(String module, String params, Duration timeout) implements Step {
  @JsonCreator
  public LoadStep {
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  @Override
  public void check(Checks c) {
    Steps.checkModule(c, module);
    c.require(params == null || params.matches("[A-Za-z0-9_.,=-]+( [A-Za-z0-9_.,=-]+)*"), "params",
        "must be key=value words");
  }

  @Override
  public String type() {
    return "load";
  }

  @Override
  public String describe() {
    return "load " + module + (params == null ? "" : " " + params);
  }

  @Override
  public List<String> modules() {
    return List.of(module);
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    Instant start = Instant.now();
    String cmd = "modprobe " + ShellQuote.quote(module) + (params == null ? "" : " " + params);
    return ctx.record(index, type(), describe(), cmd, Map.of("module", module), start,
        ctx.run(index, cmd, timeout), true);
  }
}
