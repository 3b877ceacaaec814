package dev.lifelab.target;

/** The shell could not run a command: the connection is lost or the command did not finish. */
public class ShellException extends Exception {
  private final boolean connectionLost;

  public ShellException(String message, boolean connectionLost, Throwable cause) {
    super(message, cause);
    this.connectionLost = connectionLost;
  }

  /** True when the target stopped answering altogether (died, panicked, network gone). */
  public boolean connectionLost() {
    return connectionLost;
  }
}
