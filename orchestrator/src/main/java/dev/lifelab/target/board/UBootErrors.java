package dev.lifelab.target.board;

import dev.lifelab.target.BootStage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * U-Boot's failure messages as a table: what the line looks like, at which stage it ends the
 * boot, and what to check. Adding a message is adding an entry.
 */
public final class UBootErrors {
  /** One known failure. */
  public record Entry(Pattern line, BootStage stage, String hint) {}

  /** A failure seen on the console. */
  public record Found(String line, BootStage stage, String hint) {
    public String describe() {
      return "U-Boot said '" + line + "': " + hint;
    }
  }

  private static Entry entry(String regex, BootStage stage, String hint) {
    return new Entry(Pattern.compile(regex + "[^\\r\\n]*"), stage, hint);
  }

  static final List<Entry> TABLE = List.of(
      entry("TFTP error: 'File not found'", BootStage.TFTP,
          "the file is not where the TFTP server looks (is tftp-root the directory the server serves?)"),
      entry("TFTP error: 'Access violation'", BootStage.TFTP,
          "the TFTP server refused the file (permissions of tftp-root, or no TFTP root configured)"),
      entry("TFTP error:", BootStage.TFTP, "the TFTP server refused the transfer"),
      entry("(ARP )?Retry count exceeded", BootStage.TFTP,
          "the TFTP server does not answer (server-ip, cable, the board's address and netmask)"),
      entry("\\*\\*\\* ERROR: `(serverip|ipaddr)' not set", BootStage.TFTP,
          "U-Boot has no network address (ip-config)"),
      entry("No ethernet found", BootStage.TFTP, "U-Boot sees no network interface"),
      entry("Could not get PHY for", BootStage.TFTP, "U-Boot cannot talk to the Ethernet PHY"),
      entry("Waiting for PHY auto negotiation to complete\\.*\\s*TIMEOUT", BootStage.TFTP,
          "no Ethernet link (cable, switch port)"),
      entry("DHCP client bound to address 0\\.0\\.0\\.0", BootStage.TFTP, "DHCP gave no address"),
      entry("Bad Linux ARM64 Image magic!", BootStage.KERNEL_START,
          "what was loaded as the kernel is not an uncompressed arm64 Image (Image.gz? overlapping load addresses?)"),
      entry("ERROR: Did not find a cmdline Flattened Device Tree", BootStage.KERNEL_START,
          "no device tree at the address given to booti (dtb not loaded, or fdt-addr wrong)"),
      entry("ERROR: image is not a fdt", BootStage.KERNEL_START, "the file loaded as dtb is not a device tree"),
      entry("FDT and ATAGS support not compiled in", BootStage.KERNEL_START, "this U-Boot cannot pass a device tree"),
      entry("Wrong Ramdisk Image Format", BootStage.KERNEL_START, "the initramfs did not load correctly"),
      entry("ERROR: Failed to allocate", BootStage.KERNEL_START,
          "U-Boot found no room for the device tree or initramfs (load addresses overlap U-Boot or each other?)"),
      entry("\"Synchronous Abort\" handler", BootStage.BOOTLOADER, "U-Boot crashed"),
      entry("Unknown command '", BootStage.BOOTLOADER, "this U-Boot lacks a command lifelab needs"));

  /**
   * The failure lines as waited for: each matches only once its line has ended. The serial
   * console delivers a line in pieces, and a match on the first piece would report
   * "TFTP error: 'File n" as a generic TFTP error.
   */
  private static final Pattern[] WHOLE_LINES =
      TABLE.stream().map(e -> Pattern.compile(e.line().pattern() + "(?=[\\r\\n])")).toArray(Pattern[]::new);

  private UBootErrors() {}

  /** All failure lines, to wait for alongside the expected output (matched once they have ended). */
  public static Pattern[] patterns() {
    return WHOLE_LINES.clone();
  }

  /** The first known failure in {@code text}, by position; the most specific entry wins a tie. */
  public static Optional<Found> find(CharSequence text) {
    Found best = null;
    int bestAt = Integer.MAX_VALUE;
    for (Entry e : TABLE) {
      Matcher m = e.line().matcher(text);
      if (m.find() && m.start() < bestAt) {
        best = new Found(m.group().strip(), e.stage(), e.hint());
        bestAt = m.start();
      }
    }
    return Optional.ofNullable(best);
  }
}
