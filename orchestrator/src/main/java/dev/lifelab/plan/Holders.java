package dev.lifelab.plan;

import dev.lifelab.plan.step.CloseStep;
import dev.lifelab.plan.step.IoStep;
import dev.lifelab.plan.step.OpenStep;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.StepRecord;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.RemoteCommand;
import dev.lifelab.target.ShellException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** How open, io-through-a-holder and close run on the target. */
public final class Holders {
  private Holders() {}

  public static StepRecord open(int index, OpenStep step, StepContext ctx) {
    Instant start = Instant.now();
    String path = ctx.expand(step.path(), false);
    String command = Holder.command(ShellQuote.quote(path), step.redirection());
    Map<String, String> resolved = Map.of("path", path);
    RemoteCommand process;
    try {
      process = ctx.shell().start(command);
    } catch (ShellException e) {
      return ctx.record(index, step.type(), step.describe(), command, resolved, start,
          new StepContext.Outcome(null, null, e.getMessage(), e.connectionLost()), true);
    }
    Holder holder = new Holder(step.name(), path, process);
    try {
      if (holder.awaitOpened(step.timeout())) {
        ctx.holders().put(step.name(), holder);
        return ctx.record(index, step.type(), step.describe(), command, resolved, start,
            new StepContext.Outcome(new CommandResult(0, "", "", null), null, null, false), true);
      }
      if (process.isDone()) {
        CommandResult r = process.waitFor(java.time.Duration.ZERO).orElseThrow();
        return ctx.record(index, step.type(), step.describe(), command, resolved, start,
            new StepContext.Outcome(StepContext.stripPid(r), null, null, false), true);
      }
    } catch (ShellException e) {
      return ctx.record(index, step.type(), step.describe(), command, resolved, start,
          new StepContext.Outcome(null, null, e.getMessage(), e.connectionLost()), true);
    }
    // open() itself blocked: a hang like any other.
    StepContext.Outcome o = ctx.await(index, command, process, java.time.Duration.ZERO);
    return ctx.record(index, step.type(), step.describe(), command, resolved, start, o, true);
  }

  public static StepRecord io(int index, IoStep step, StepContext ctx) {
    Instant start = Instant.now();
    Holder holder = ctx.holders().get(step.holder());
    String command = step.holderCommand(ctx);
    Map<String, String> resolved = Map.of("holder", holder.name(), "path", holder.path());
    try {
      Optional<CommandResult> r = holder.io(command, step.timeout());
      if (r.isPresent()) {
        return ctx.record(index, step.type(), step.describe(), command, resolved, start,
            new StepContext.Outcome(r.get(), null, null, false), step.check());
      }
    } catch (ShellException e) {
      return ctx.record(index, step.type(), step.describe(), command, resolved, start,
          new StepContext.Outcome(null, null, e.getMessage(), e.connectionLost()), step.check());
    }
    // The holder is stuck inside the I/O: record it as a hang of the holder process.
    ctx.holders().remove(step.holder());
    StepContext.Outcome o = ctx.await(index, command, holder.process(), java.time.Duration.ZERO);
    return ctx.record(index, step.type(), step.describe(), command, resolved, start, o, step.check());
  }

  public static StepRecord close(int index, CloseStep step, StepContext ctx) {
    Instant start = Instant.now();
    Holder holder = ctx.holders().remove(step.name());
    Map<String, String> resolved = Map.of("holder", step.name(), "path", holder.path());
    // End of input ends the holder's loop; the shell exits and the kernel releases the file.
    holder.process().closeInput();
    StepContext.Outcome o = ctx.await(index, "close " + holder.path(), holder.process(), step.timeout());
    if (o.result() != null) {
      // The holder's own output (its markers) is not what the user asked for.
      o = new StepContext.Outcome(new CommandResult(o.result().exitCode(), "", o.result().stderr(), o.result().took()),
          null, null, false);
    }
    return ctx.record(index, step.type(), step.describe(), "close " + holder.path(), resolved, start, o, false);
  }

}
