package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.util.List;

/**
 * One step of a plan ({@code type: unbind} in YAML). Each type is one class here, registered
 * below; it knows how to describe itself, what it refers to, and how to run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OpenStep.class, name = "open"),
  @JsonSubTypes.Type(value = CloseStep.class, name = "close"),
  @JsonSubTypes.Type(value = UnbindStep.class, name = "unbind"),
  @JsonSubTypes.Type(value = BindStep.class, name = "bind"),
  @JsonSubTypes.Type(value = IoStep.class, name = "io"),
  @JsonSubTypes.Type(value = ShellStep.class, name = "shell"),
  @JsonSubTypes.Type(value = SleepStep.class, name = "sleep"),
  @JsonSubTypes.Type(value = LoadStep.class, name = "load"),
  @JsonSubTypes.Type(value = UnloadStep.class, name = "unload"),
  @JsonSubTypes.Type(value = SysctlStep.class, name = "sysctl")
})
public sealed interface Step extends dev.lifelab.common.Checked
    permits OpenStep, CloseStep, DriverBindingStep, IoStep, ShellStep, SleepStep, LoadStep, UnloadStep,
        SysctlStep {

  /** The YAML type name. */
  String type();

  /** One line for people: {@code unbind smbus (pci/i801_smbus)}. */
  String describe();

  StepRecord run(int index, StepContext ctx);

  /** Plan devices this step refers to, for validation before anything runs. */
  default List<String> deviceRefs() {
    return List.of();
  }

  /** Text fields that may hold {@code ${device.attribute}} templates. */
  default List<String> templates() {
    return List.of();
  }

  /** Holder opened by this step, or null. */
  default String opens() {
    return null;
  }

  /** Holder used (and still needed open) by this step, or null. */
  default String uses() {
    return null;
  }

  /** Modules the guest image must contain for this step. */
  default List<String> modules() {
    return List.of();
  }
}
