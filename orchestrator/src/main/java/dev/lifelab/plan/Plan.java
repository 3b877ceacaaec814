package dev.lifelab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.step.Step;
import dev.lifelab.result.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test plan from {@code testplans/}: devices named by what they are, steps, and what is
 * expected on which kernels.
 *
 * @param targets targets the plan is written for (devices exist there); empty for any
 */
public record Plan(
    String name,
    String description,
    List<String> targets,
    Requirements requires,
    Map<String, DeviceSelector> devices,
    List<Expectation> expect,
    List<Step> steps) {

  @JsonCreator
  public Plan {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("name is required: lowercase letters, digits and '-'");
    }
    if (steps == null || steps.isEmpty()) {
      throw new IllegalArgumentException("a plan needs steps");
    }
    targets = targets == null ? List.of() : List.copyOf(targets);
    requires = requires == null ? Requirements.none() : requires;
    devices = devices == null ? Map.of() : new LinkedHashMap<>(devices);
    expect = expect == null ? List.of() : List.copyOf(expect);
    steps = List.copyOf(steps);
    for (Expectation e : expect) {
      if (e.verdict() == Verdict.INFRA_ERROR) {
        throw new IllegalArgumentException("expect: infra-error is not a kernel outcome to expect");
      }
    }
  }

  /** The expectation that applies to a kernel release, or null. */
  public Expectation expectationFor(String release) {
    for (Expectation e : expect) {
      if (e.appliesTo(release)) {
        return e;
      }
    }
    return null;
  }
}
