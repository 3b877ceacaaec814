package dev.lifelab.store;

import java.util.regex.Pattern;

/**
 * Normalises a finding title so that the same bug gets the same signature on every kernel
 * version, build and boot: addresses, offsets, sizes, PIDs, line numbers and compiler clone
 * suffixes differ between runs, the function and the kind of report do not.
 *
 * <p>Examples: {@code KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90} and {@code KASAN:
 * use-after-free Read in mtd_proc_show} both become {@code KASAN: use-after-free Read in
 * mtd_proc_show}; {@code INFO: task cat:312 blocked for more than 120 seconds.} becomes {@code
 * INFO: task cat:N blocked for more than N seconds.}
 */
public final class FindingSignature {
  // func+0x1c/0x80 (the "/size" part is optional in some reports)
  private static final Pattern OFFSET = Pattern.compile("\\+0x[0-9a-fA-F]+(?:/0x[0-9a-fA-F]+)?");
  // GCC clone suffixes: foo.isra.0, foo.constprop.3, foo.part.1, foo.cold, foo.llvm.123456
  private static final Pattern CLONE =
      Pattern.compile("\\.(?:isra|constprop|part|cold|llvm|lto_priv)(?:\\.\\d+)*\\b");
  private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{12,16}\\b");
  // A number that is not part of an identifier such as i2c, mtd0 or ext4.
  private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9])\\d+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private FindingSignature() {}

  /** The signature of a title; null for null. */
  public static String of(String title) {
    if (title == null) {
      return null;
    }
    String s = OFFSET.matcher(title).replaceAll("");
    s = CLONE.matcher(s).replaceAll("");
    s = HEX.matcher(s).replaceAll("ADDR");
    s = NUMBER.matcher(s).replaceAll("N");
    return SPACE.matcher(s).replaceAll(" ").trim();
  }
}
