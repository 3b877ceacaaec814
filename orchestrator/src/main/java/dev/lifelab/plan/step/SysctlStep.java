package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.ShellQuote;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sets kernel parameters, e.g. {@code kernel.hung_task_timeout_secs: 5}. */
public record SysctlStep(Map<String, String> set, Duration timeout) implements Step {
  @JsonCreator
  public SysctlStep {
    set = set == null ? Map.of() : new LinkedHashMap<>(set);
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  @Override
  public void check(Checks c) {
    c.require(!set.isEmpty(), "set", "is required: parameter: value pairs");
    for (String key : set.keySet()) {
      c.require(key.matches("[a-z0-9_]+(\\.[a-z0-9_-]+)+"), "set." + key, "is not a sysctl name");
    }
  }

  @Override
  public String type() {
    return "sysctl";
  }

  @Override
  public String describe() {
    return "sysctl " + set;
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    Instant start = Instant.now();
    StringBuilder cmd = new StringBuilder();
    for (Map.Entry<String, String> e : set.entrySet()) {
      String file = "/proc/sys/" + e.getKey().replace('.', '/');
      cmd.append(cmd.length() == 0 ? "" : " && ")
          .append("echo ").append(ShellQuote.quote(e.getValue())).append(" > ").append(ShellQuote.quote(file));
    }
    return ctx.record(index, type(), describe(), cmd.toString(), Map.of(), start,
        ctx.run(index, cmd.toString(), timeout), true);
  }
}
