package dev.lifelab.plan;

import dev.lifelab.result.HangRecord;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.RemoteCommand;
import dev.lifelab.target.ShellException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A command that blocked past its timeout, watched until it returns (or the plan ends). */
final class PendingCommand {
  private final int step;
  private final RemoteCommand command;
  private final HangRecord hang;
  private volatile Instant returnedAt;
  private volatile Integer exitCode;
  private final Thread watcher;

  PendingCommand(int step, RemoteCommand command, HangRecord hang) {
    this.step = step;
    this.command = command;
    this.hang = hang;
    this.watcher = new Thread(this::watch, "hang-watch-" + step);
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    try {
      Optional<CommandResult> r = command.waitFor(Duration.ofDays(1));
      if (r.isPresent()) {
        exitCode = r.get().exitCode();
        returnedAt = Instant.now();
      }
    } catch (ShellException e) {
      // Lost with the connection: it never returned as far as we can tell.
    }
  }

  int step() {
    return step;
  }

  /** Waits up to {@code grace} for the command to return. */
  void awaitReturn(Duration grace) {
    try {
      watcher.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean returned() {
    return returnedAt != null;
  }

  /** The hang record completed with what became of the command. */
  HangRecord record() {
    return new HangRecord(hang.step(), hang.command(), hang.timeout(), hang.timedOutAt(), hang.evidenceAt(),
        returnedAt, exitCode, hang.pid(), hang.state(), hang.wchan(), hang.stack(), hang.blockedIn(), hang.sysrqW());
  }

  void close() {
    command.close();
  }
}
