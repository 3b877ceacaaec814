package dev.lifelab.target;

import java.time.Duration;

/** What a command on the target printed and returned. */
public record CommandResult(int exitCode, String stdout, String stderr, Duration took) {
  public boolean ok() {
    return exitCode == 0;
  }
}
