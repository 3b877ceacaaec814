package dev.lifelab.power;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checks;
import dev.lifelab.common.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Power through shell commands, as labs switch relays and PDUs ({@code sispmctl -o 2},
 * {@code snmpset ... outlet 3}, a script). Commands run with {@code sh -c} in the lifelab
 * directory with {@code LIFELAB_TARGET} set; their output goes to {@code power.log} of the run.
 */
public final class CommandPower implements PowerControl {

  /**
   * @param on command that switches the board on
   * @param off command that switches it off
   * @param cycle command for off-then-on, when the switch has one; else off, wait, on
   * @param offTime how long the board stays off in a cycle, so its capacitors drain
   * @param timeout limit for one command
   */
  public record Spec(String on, String off, String cycle, Duration offTime, Duration timeout) implements PowerSpec {
    @JsonCreator
    public Spec {
      offTime = offTime == null ? Duration.ofSeconds(2) : offTime;
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    @Override
    public void check(Checks c) {
      c.require(on != null && !on.isBlank(), "on", "is required: the command that switches the board on")
          .require(off != null && !off.isBlank(), "off", "is required: the command that switches the board off")
          .require(cycle == null || !cycle.isBlank(), "cycle", "must not be empty (leave it out for off, wait, on)")
          .require(!timeout.isNegative() && !timeout.isZero(), "timeout", "must be positive");
    }

    @Override
    public PowerControl create(Context context) {
      return new CommandPower(this, context);
    }
  }

  private final Spec spec;
  private final PowerSpec.Context context;
  private Instant lastOff;

  CommandPower(Spec spec, PowerSpec.Context context) {
    this.spec = spec;
    this.context = context;
  }

  /** Switches on, but not sooner than off-time after the last switch off. */
  @Override
  public void on() throws PowerException {
    if (lastOff != null) {
      long wait = Duration.between(Instant.now(), lastOff.plus(spec.offTime())).toMillis();
      if (wait > 0) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PowerException("interrupted while the board was off", e);
        }
      }
    }
    run("on", spec.on());
  }

  @Override
  public void off() throws PowerException {
    run("off", spec.off());
    lastOff = Instant.now();
  }

  @Override
  public void cycle() throws PowerException {
    if (spec.cycle() != null) {
      run("cycle", spec.cycle());
      return;
    }
    off();
    on();
  }

  private void run(String what, String command) throws PowerException {
    Path log = context.runDir().resolve("power.log");
    try {
      Files.writeString(log, "[" + Instant.now() + "] power " + what + ": " + command + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command))
          .directory(context.projectDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("LIFELAB_TARGET", context.target());
      Process p = pb.start();
      if (!p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new PowerException("power " + what + " ('" + command + "') did not finish within "
            + Durations.format(spec.timeout()) + " [" + log + "]", null);
      }
      if (p.exitValue() != 0) {
        throw new PowerException("power " + what + " ('" + command + "') failed with status " + p.exitValue()
            + ": " + tail(log) + " [" + log + "]", null);
      }
    } catch (IOException e) {
      throw new PowerException("power " + what + ": cannot run '" + command + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PowerException("power " + what + " interrupted", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
