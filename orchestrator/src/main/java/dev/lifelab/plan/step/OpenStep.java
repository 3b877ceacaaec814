package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.plan.Holders;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.util.List;

/**
 * Opens a device node in a holder process that keeps it open until {@code close}.
 *
 * @param name the holder's name, used by {@code close} and {@code io}
 * @param path device node, may use templates: {@code ${adapter.node}}
 * @param mode {@code read}, {@code write} or {@code read-write}
 */
public record OpenStep(String name, String path, String mode, Duration timeout) implements Step {
  @JsonCreator
  public OpenStep {
    mode = mode == null ? "read" : mode;
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  @Override
  public void check(Checks c) {
    Steps.checkName(c, name);
    c.require(path != null && !path.isBlank(), "path", "is required (the device node to open)")
        .require(List.of("read", "write", "read-write").contains(mode), "mode", "must be read, write or read-write");
  }

  @Override
  public String type() {
    return "open";
  }

  @Override
  public String describe() {
    return "open " + path + " (" + mode + ") as " + name;
  }

  @Override
  public List<String> templates() {
    return List.of(path);
  }

  @Override
  public String opens() {
    return name;
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    return Holders.open(index, this, ctx);
  }

  /** The shell redirection operator for fd 3. */
  public String redirection() {
    return switch (mode) {
      case "write" -> ">";
      case "read-write" -> "<>";
      default -> "<";
    };
  }
}
