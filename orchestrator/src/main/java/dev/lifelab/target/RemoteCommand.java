package dev.lifelab.target;

import java.time.Duration;
import java.util.Optional;

/** A command started on the target that may not have finished yet (a holder, a blocked unbind). */
public interface RemoteCommand extends AutoCloseable {
  String command();

  /** Waits up to {@code timeout}; empty if the command is still running. */
  Optional<CommandResult> waitFor(Duration timeout) throws ShellException;

  /** Output received so far. */
  String stdoutSoFar();

  /** Sends text to the command's standard input. */
  void send(String text) throws ShellException;

  /** Closes standard input (the command sees end of file). */
  void closeInput();

  boolean isDone();

  /** Stops waiting; closes the channel (the process on the target may live on if blocked). */
  @Override
  void close();
}
