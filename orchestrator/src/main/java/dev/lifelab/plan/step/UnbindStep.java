package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;

/** Unbinds a device from its driver, as {@code echo NAME > /sys/bus/B/drivers/D/unbind}. */
public record UnbindStep(String device, String bus, String driver, String name, Duration timeout)
    implements DriverBindingStep {
  @JsonCreator
  public UnbindStep {
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  @Override
  public String type() {
    return "unbind";
  }
}
