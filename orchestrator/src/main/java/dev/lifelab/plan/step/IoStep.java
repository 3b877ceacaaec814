package dev.lifelab.plan.step;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checks;
import dev.lifelab.plan.Holders;
import dev.lifelab.plan.ShellQuote;
import dev.lifelab.plan.StepContext;
import dev.lifelab.result.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * I/O while devices come and go: through a held file ({@code holder} with {@code read: N},
 * {@code write: TEXT}, or a {@code command} using fd 3), or a command of its own
 * ({@code command: cat /proc/mtd}). Failing I/O is an observation, not an error, unless
 * {@code check: true}.
 */
public record IoStep(String holder, Integer read, String write, String command, Duration timeout, Boolean check)
    implements Step {
  @JsonCreator
  public IoStep {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    check = check != null && check;
  }

  @Override
  public void check(Checks c) {
    int given = (read != null ? 1 : 0) + (write != null ? 1 : 0) + (command != null ? 1 : 0);
    c.require(given == 1, null, "give exactly one of read (bytes), write (text) or command")
        .require(holder != null || command != null, "holder", "read and write go through a holder: name it")
        .require(read == null || (read > 0 && read <= 1 << 20), "read", "must be between 1 and 1048576 bytes");
  }

  @Override
  public String type() {
    return "io";
  }

  @Override
  public String describe() {
    String what = read != null ? "read " + read + " bytes" : write != null ? "write " + write.length() + " bytes" : command;
    return "io " + what + (holder == null ? "" : " via " + holder);
  }

  @Override
  public List<String> templates() {
    return command == null ? List.of() : List.of(command);
  }

  @Override
  public String uses() {
    return holder;
  }

  /** The command the holder runs, reading or writing its fd 3. */
  public String holderCommand(StepContext ctx) {
    if (read != null) {
      return "dd bs=" + read + " count=1 <&3 2>&1 | od -A x -t x1";
    }
    if (write != null) {
      return "printf %s " + ShellQuote.quote(write) + " >&3";
    }
    return ctx.expand(command, true);
  }

  @Override
  public StepRecord run(int index, StepContext ctx) {
    if (holder != null) {
      return Holders.io(index, this, ctx);
    }
    Instant start = Instant.now();
    String cmd = ctx.expand(command, true);
    return ctx.record(index, type(), describe(), cmd, Map.of(), start, ctx.run(index, cmd, timeout), check);
  }
}
