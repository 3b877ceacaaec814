package dev.lifelab.power;

import dev.lifelab.common.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Power by a person at the bench: lifelab asks on the terminal and waits for Enter. Without a
 * terminal (CI) it refuses instead of waiting forever.
 */
public final class ManualPower implements PowerControl {

  /** No settings: the person knows where the switch is. */
  public record Spec() implements PowerSpec {
    @Override
    public void check(Checks c) {
      // Nothing to check.
    }

    @Override
    public PowerControl create(Context context) {
      return new ManualPower(context.target(), System.in, System.err, System.console() != null);
    }
  }

  private final String target;
  private final BufferedReader in;
  private final PrintStream out;
  private final boolean interactive;

  /**
   * @param interactive whether a person can answer on {@code in}
   */
  public ManualPower(String target, InputStream in, PrintStream out, boolean interactive) {
    this.target = target;
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void on() throws PowerException {
    ask("switch ON");
  }

  @Override
  public void off() throws PowerException {
    ask("switch OFF");
  }

  @Override
  public void cycle() throws PowerException {
    ask("switch OFF, wait a few seconds, and switch ON again");
  }

  private void ask(String what) throws PowerException {
    if (!interactive) {
      throw new PowerException("power driver 'manual' needs a person at a terminal to " + what + " board "
          + target + "; use the 'command' driver for unattended runs", null);
    }
    out.print("lifelab: please " + what + " board " + target + ", then press Enter: ");
    out.flush();
    try {
      if (in.readLine() == null) {
        throw new PowerException("no answer (end of input) while waiting for board " + target + " to " + what, null);
      }
    } catch (IOException e) {
      throw new PowerException("cannot read the answer: " + e.getMessage(), e);
    }
  }
}
