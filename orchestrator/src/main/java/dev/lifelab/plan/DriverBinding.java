package dev.lifelab.plan;

import dev.lifelab.plan.step.BindingTarget;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** unbind and bind: a device name written to the driver's sysfs file of that name (the step's type). */
public final class DriverBinding {
  private DriverBinding() {}

  public static StepRecord write(int index, String type, String description, BindingTarget target,
      Duration timeout, StepContext ctx) {
    Instant start = Instant.now();
    String bus;
    String driver;
    String name;
    String path;
    if (target.device() != null) {
      ResolvedDevice d = ctx.device(target.device());
      bus = d.bus();
      driver = d.driver();
      name = d.name();
      path = d.path();
    } else {
      bus = target.bus();
      driver = target.driver();
      name = target.name();
      path = null;
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    resolved.put("bus", bus);
    resolved.put("driver", driver);
    resolved.put("device", name);
    if (path != null) {
      resolved.put("path", path);
    }
    String sysfs = "/sys/bus/" + bus + "/drivers/" + driver + "/" + type;
    String command = "echo -n " + ShellQuote.quote(name) + " > " + ShellQuote.quote(sysfs);
    if (bus == null || driver == null) {
      return ctx.record(index, type, description, command, resolved, start,
          new StepContext.Outcome(null, null, "device " + name + " had no driver bound when the plan started", false), true);
    }
    String refusal = path == null ? null : ctx.guard().refusal(path);
    if (refusal != null && type.equals("unbind")) {
      return ctx.record(index, type, description, command, resolved, start,
          new StepContext.Outcome(null, null, "refusing to unbind " + name + ": " + refusal, false), true);
    }
    return ctx.record(index, type, description, command, resolved, start, ctx.run(index, command, timeout), true);
  }

}
