package dev.lifelab.power;

/** The power driver could not do what was asked. */
public class PowerException extends Exception {
  public PowerException(String message, Throwable cause) {
    super(message, cause);
  }
}
