package dev.lifelab.plan;

/** Quoting for values that reach the target's shell: nothing in them is ever interpreted. */
public final class ShellQuote {
  private ShellQuote() {}

  /** One shell word: {@code x; reboot} becomes {@code 'x; reboot'}. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
