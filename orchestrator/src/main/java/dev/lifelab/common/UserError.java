package dev.lifelab.common;

/**
 * An error caused by the user's input or environment (bad file, missing kernel, unreachable
 * board). Its message is printed as is, without a stack trace.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /** One line for the user: the message of the most useful exception in the chain. */
  public static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UserError) {
        return c.getMessage();
      }
    }
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
