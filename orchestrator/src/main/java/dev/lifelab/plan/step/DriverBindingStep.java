package dev.lifelab.plan.step;

import dev.lifelab.common.Checks;
import dev.lifelab.plan.DriverBinding;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.util.List;

/**
 * A step that writes a device's name to its driver's {@code bind} or {@code unbind} file: the
 * two steps differ only in that word, which is also their type.
 */
sealed interface DriverBindingStep extends Step permits BindStep, UnbindStep {
  String device();

  String bus();

  String driver();

  String name();

  Duration timeout();

  private BindingTarget target() {
    return BindingTarget.of(device(), bus(), driver(), name());
  }

  @Override
  default void check(Checks c) {
    BindingTarget.check(c, device(), bus(), driver(), name());
  }

  @Override
  default String describe() {
    return type() + " " + target().describe();
  }

  @Override
  default List<String> deviceRefs() {
    return device() == null ? List.of() : List.of(device());
  }

  @Override
  default StepRecord run(int index, StepContext ctx) {
    return DriverBinding.write(index, type(), describe(), target(), timeout(), ctx);
  }
}
