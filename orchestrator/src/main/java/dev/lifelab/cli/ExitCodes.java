package dev.lifelab.cli;

/** Exit codes shared by every subcommand. */
public final class ExitCodes {
  /** Nothing found, everything passed or behaved as expected. */
  public static final int OK = 0;
  /** Kernel findings or hangs. */
  public static final int FINDINGS = 1;
  /** Bad input, unreadable file, or the target/tool failed. */
  public static final int INFRA = 2;

  private ExitCodes() {}
}
