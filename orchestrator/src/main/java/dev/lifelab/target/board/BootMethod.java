package dev.lifelab.target.board;

import dev.lifelab.target.TargetStartException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a kernel gets onto a powered board: the middle of off → bootloader → kernel → shell. The
 * board target owns power, console and SSH; a boot method knows its bootloader's dialogue.
 */
public interface BootMethod {
  /** Power was just switched on: reach the bootloader's command prompt (stop any autoboot). */
  void enterBootloader(ConsoleSession console) throws TargetStartException;

  /** At the prompt: load the staged files and start the kernel; returns once it was handed over. */
  void startKernel(ConsoleSession console, BootFiles files, String bootargs) throws TargetStartException;

  /** Console output that means the board reset into its firmware after the kernel started. */
  List<Pattern> resetSigns();

  /**
   * What to load, as the TFTP server names it.
   *
   * @param kernel the kernel Image
   * @param kernelSize its size in bytes, to check the transfer
   * @param initrd lifelab's initramfs
   * @param initrdSize its size in bytes ({@code booti} needs it)
   * @param dtb the dtb, or null to boot with the firmware's own device tree
   */
  record BootFiles(String kernel, long kernelSize, String initrd, long initrdSize, String dtb) {}
}
