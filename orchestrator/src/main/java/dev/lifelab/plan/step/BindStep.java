package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;

/** Binds a device to the driver it had when the plan started (or the one given). */
public record BindStep(String device, String bus, String driver, String name, Duration timeout)
    implements DriverBindingStep {
  @JsonCreator
  public BindStep {
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }

  @Override
  public String type() {
    return "bind";
  }
}
