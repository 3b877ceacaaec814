package dev.lifelab.target;

import dev.lifelab.console.Console;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.power.PowerControl;
import dev.lifelab.result.TargetInfo;
import java.nio.file.Path;

/**
 * A running target with a shell. Closing it powers it off and releases everything (no QEMU
 * process survives), on every exit path.
 */
public interface Target extends AutoCloseable {
  TargetSpec spec();

  TargetInfo info();

  KernelImage kernel();

  /** SSH shell on the target, ready to use. */
  Shell shell();

  Console console();

  PowerControl power();

  BootTimings timings();

  /** Where console.log and the other records of this boot go. */
  Path runDir();

  /** False once the target died (QEMU exited, board stopped answering). */
  boolean isAlive();

  /** Why the target is not alive, e.g. "QEMU exited with status 0 (guest panic?)". */
  String deathReason();

  @Override
  void close();
}
