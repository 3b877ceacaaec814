package dev.lifelab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.step.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test plan from {@code testplans/}: devices named by what they are, steps, and what is
 * expected on which kernels.
 *
 * @param targets targets the plan is written for (devices exist there); empty for any
 * @param cleanup steps that run after the steps even when one of them failed (rebind, checks)
 */
public record Plan(
    String name,
    String description,
    List<String> targets,
    Requirements requires,
    Map<String, DeviceSelector> devices,
    List<Expectation> expect,
    List<Step> steps,
    List<Step> cleanup) implements Checked {

  @JsonCreator
  public Plan {
    steps = steps == null ? List.of() : List.copyOf(steps);
    targets = targets == null ? List.of() : List.copyOf(targets);
    requires = requires == null ? Requirements.none() : requires;
    devices = devices == null ? Map.of() : new LinkedHashMap<>(devices);
    expect = expect == null ? List.of() : List.copyOf(expect);
    cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
  }

  @Override
  public void check(Checks c) {
    c.require(name != null && name.matches("[a-z0-9][a-z0-9-]*"), "name",
            "is required: lowercase letters, digits and '-'")
        .require(!steps.isEmpty(), "steps", "a plan needs steps")
        .nested("requires", requires)
        .each("expect", expect)
        .each("steps", steps)
        .each("cleanup", cleanup);
    for (Map.Entry<String, DeviceSelector> d : devices.entrySet()) {
      c.require(d.getKey().matches("[A-Za-z][A-Za-z0-9_-]*"), "devices." + d.getKey(),
          "device names are letters, digits, '-' and '_'");
      c.nested("devices." + d.getKey(), d.getValue());
    }
  }

  /** Steps and then cleanup steps, as they are numbered in records. */
  public List<Step> allSteps() {
    List<Step> all = new java.util.ArrayList<>(steps);
    all.addAll(cleanup);
    return all;
  }

  /** The expectation that applies to a kernel version (upstream numbering), or null. */
  public Expectation expectationFor(String release) {
    for (Expectation e : expect) {
      if (e.appliesTo(release)) {
        return e;
      }
    }
    return null;
  }
}
