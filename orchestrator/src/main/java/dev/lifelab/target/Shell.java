package dev.lifelab.target;

import java.time.Duration;

/** Runs commands on the target and returns stdout, stderr and exit code. */
public interface Shell extends AutoCloseable {
  /** Starts a command and returns at once. */
  RemoteCommand start(String command) throws ShellException;

  /** Runs a command to its end; a command still running after {@code timeout} is an error. */
  default CommandResult run(String command, Duration timeout) throws ShellException {
    try (RemoteCommand c = start(command)) {
      return c.waitFor(timeout).orElseThrow(() -> new ShellException(
          "'" + command + "' did not finish within " + timeout.toMillis() + " ms", false, null));
    }
  }

  /** False once the connection is gone: the target died, or its network did. */
  default boolean isOpen() {
    return true;
  }

  /** A second, independent connection, for when this one may be stuck behind a blocked command. */
  Shell fresh() throws ShellException;

  @Override
  void close();
}
