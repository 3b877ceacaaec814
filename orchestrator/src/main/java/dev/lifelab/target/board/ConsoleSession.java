package dev.lifelab.target.board;

import dev.lifelab.common.Durations;
import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.console.SerialConsole;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.TargetStartException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A board's console as the boot uses it: typing (with an optional pause between characters) and
 * waiting for patterns, where every wait also watches the serial port itself, so that a port that
 * vanished and did not come back ends the boot with the stage it was in.
 */
public final class ConsoleSession {
  private static final Duration SLICE = Duration.ofMillis(200);

  private final SerialConsole console;
  private final Duration reconnectTimeout;
  private final Duration characterDelay;
  private volatile long powerOnMark;

  /** @param powerOnMark the console position when the board was switched on */
  public ConsoleSession(SerialConsole console, Duration reconnectTimeout, Duration characterDelay, long powerOnMark) {
    this.console = console;
    this.reconnectTimeout = reconnectTimeout;
    this.characterDelay = characterDelay;
    this.powerOnMark = powerOnMark;
  }

  public ConsoleRecorder recorder() {
    return console.recorder();
  }

  public SerialConsole console() {
    return console;
  }

  /** A position to wait from: what arrives later. */
  public long mark() {
    return recorder().position();
  }

  /** Where the output of the current power-on starts. */
  public long powerOnMark() {
    return powerOnMark;
  }

  public void markPowerOn() {
    powerOnMark = mark();
  }

  /** True when the target printed nothing since power on (lifelab's own notes do not count). */
  public boolean silentSincePowerOn() {
    return recorder().textSince(powerOnMark).replaceAll("\\n\\[lifelab [^\\n]*\\n", "").isEmpty();
  }

  public void type(String text) {
    if (characterDelay.isZero()) {
      console.write(text);
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      console.write(String.valueOf(text.charAt(i)));
      sleep(characterDelay);
    }
  }

  public void note(String text) {
    recorder().note(text);
  }

  /**
   * Waits for the first of {@code patterns} after {@code from}.
   *
   * @param waitingFor what the user would call it, for the timeout message
   */
  public ConsoleRecorder.Match expect(BootStage stage, long from, Duration timeout, String waitingFor,
      Pattern... patterns) throws TargetStartException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<ConsoleRecorder.Match> m = poll(stage, from, SLICE, patterns);
      if (m.isPresent()) {
        return m.get();
      }
      if (System.nanoTime() > deadline) {
        throw fail(stage, "no " + waitingFor + " within " + Durations.format(timeout) + lastLines());
      }
    }
  }

  /** One slice of a longer wait: empty if nothing matched yet; fails if the port is gone for good. */
  public Optional<ConsoleRecorder.Match> poll(BootStage stage, long from, Duration slice, Pattern... patterns)
      throws TargetStartException {
    Optional<ConsoleRecorder.Match> m = recorder().await(from, slice, patterns);
    if (m.isEmpty()) {
      requirePort(stage);
    }
    return m;
  }

  /** Fails when the serial port has been gone longer than the target allows. */
  public void requirePort(BootStage stage) throws TargetStartException {
    Optional<String> gone = portGone();
    if (gone.isPresent()) {
      throw fail(stage, gone.get() + lastLines());
    }
  }

  /** Why the console is gone for good, or empty while it is there (or may still come back). */
  public Optional<String> portGone() {
    Optional<SerialConsole.Lost> lost = console.lost();
    if (lost.isPresent() && Duration.between(lost.get().since(), Instant.now()).compareTo(reconnectTimeout) > 0) {
      return Optional.of("serial console lost: " + console.port() + " vanished (" + lost.get().why()
          + ") and did not come back within " + Durations.format(reconnectTimeout));
    }
    return Optional.empty();
  }

  public TargetStartException fail(BootStage stage, String message) {
    return new TargetStartException(stage, message, recorder().log(), null);
  }

  /** The last console lines, for messages. */
  public String lastLines() {
    String tail = recorder().tail(5);
    return tail.isEmpty() ? "" : "; last console lines:\n" + tail;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
