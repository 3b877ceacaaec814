package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A free shell command on the target. Device templates in it are replaced by quoted values.
 *
 * @param check a non-zero exit ends the plan (default true)
 */
public record ShellStep(String command, Duration timeout, Boolean check) implements Step {
  @JsonCreator
  public ShellStep {
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    check = check == null || check;
  }

  @Override
  public void check(Checks c) {
    c.require(command != null && !command.isBlank(), "command", "is required");
  }

  @Override
  public String type() {
    return "shell";
  }

  @Override
  public String describe() {
    return "shell: " + command;
  }

  @Override
  public List<String> templates() {
    return List.of(command);
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    Instant start = Instant.now();
    String cmd = ctx.expand(command, true);
    return ctx.record(index, type(), describe(), cmd, Map.of(), start, ctx.run(index, cmd, timeout), check);
  }
}
