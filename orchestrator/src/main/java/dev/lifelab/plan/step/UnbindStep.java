package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.DriverBinding;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.util.List;

/** Unbinds a device from its driver, as {@code echo NAME > /sys/bus/B/drivers/D/unbind}. */
public record UnbindStep(String device, String bus, String driver, String name, Duration timeout) implements Step {
  @JsonCreator
  public UnbindStep {
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  @Override
  public void check(Checks c) {
    BindingTarget.check(c, device, bus, driver, name);
  }

  @Override
  public String type() {
    return "unbind";
  }

  @Override
  public String describe() {
    return "unbind " + BindingTarget.of(device, bus, driver, name).describe();
  }

  @Override
  public List<String> deviceRefs() {
    return device == null ? List.of() : List.of(device);
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    return DriverBinding.write(index, type(), describe(), BindingTarget.of(device, bus, driver, name),
        "unbind", timeout, ctx);
  }
}
