package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.DriverBinding;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.util.List;

/** Binds a device to the driver it had when the plan started (or the one given). */
public record BindStep(String device, String bus, String driver, String name, Duration timeout) implements Step {
  @JsonCreator
  public BindStep {
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  @Override
  public void check(Checks c) {
    BindingTarget.check(c, device, bus, driver, name);
  }

  @Override
  public String type() {
    return "bind";
  }

  @Override
  public String describe() {
    return "bind " + BindingTarget.of(device, bus, driver, name).describe();
  }

  @Override
  public List<String> deviceRefs() {
    return device == null ? List.of() : List.of(device);
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    return DriverBinding.write(index, type(), describe(), BindingTarget.of(device, bus, driver, name),
        "bind", timeout, ctx);
  }
}
