package dev.lifelab.target;

import java.nio.file.Path;

/** The target could not be brought up; says at which stage, and where the console log is. */
public class TargetStartException extends Exception {
  private final BootStage stage;
  private final Path consoleLog;

  public TargetStartException(BootStage stage, String message, Path consoleLog, Throwable cause) {
    super(message, cause);
    this.stage = stage;
    this.consoleLog = consoleLog;
  }

  public BootStage stage() {
    return stage;
  }

  public Path consoleLog() {
    return consoleLog;
  }

  @Override
  public String getMessage() {
    return "target did not come up (" + stage.label() + "): " + super.getMessage()
        + (consoleLog == null ? "" : " [console: " + consoleLog + "]");
  }
}
