package dev.lifelab.result;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a plan as it happened: what ran, on which resolved devices, when, what it printed
 * and returned, and the hang evidence if it blocked. {@code steps.json} is a list of these.
 *
 * @param status {@code ok}, {@code failed} (non-zero exit where success was required),
 *     {@code hang}, {@code error} (could not run: connection lost, refused), {@code skipped}
 * @param note a human explanation when the status is not ok
 */
public record StepRecord(
    int index,
    String type,
    String description,
    String command,
    Map<String, String> resolved,
    Instant start,
    Instant end,
    Long millis,
    Integer exitCode,
    String stdout,
    String stderr,
    String status,
    String note,
    HangRecord hang) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String HANG = "hang";
  public static final String ERROR = "error";
  public static final String SKIPPED = "skipped";

  public StepTiming timing() {
    return new StepTiming(index, type, status, start, end, millis == null ? 0 : millis, exitCode);
  }

  public StepRecord withHang(HangRecord h) {
    return new StepRecord(index, type, description, command, resolved, start, end, millis, exitCode,
        stdout, stderr, status, note, h);
  }
}
