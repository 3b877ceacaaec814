package dev.lifelab.target;

import dev.lifelab.console.ConsoleRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What lifelab's guest init prints on the console (qemu/initramfs/init.c), shared by every target that
 * boots it, and the boot timings read from those lines and the guest's own kernel log.
 */
public final class GuestMarkers {
  public static final Pattern INIT = Pattern.compile("lifelab-guest: init started");
  public static final Pattern SSH = Pattern.compile("lifelab-guest: ssh ready");
  /** The whole line: init adds the guest-clock times of its start to it. */
  public static final Pattern DEVICES = Pattern.compile("lifelab-guest: devices ready[^\\r\\n]*\\r?\\n");
  public static final Pattern NO_SSH = Pattern.compile("lifelab-guest: no network interface[^\\n]*");
  public static final Pattern PANIC = Pattern.compile("Kernel panic - not syncing[^\\n]*");
  private static final Pattern STAMP = Pattern.compile("\\[\\s*(\\d+\\.\\d+)\\]");
  private static final Pattern GUEST_CLOCK =
      Pattern.compile("guest clock: kernel ran /init at (\\d+\\.\\d+), init started at (\\d+\\.\\d+)");

  private GuestMarkers() {}

  /**
   * Timings of a boot whose SSH answered {@code sshReady} ms after power on and whose init said
   * "devices ready" in {@code devices}. The moment the kernel ran /init is placed on the host's
   * clock from when init's first line arrived, minus the time between "Run /init" and that line on
   * the guest's clock (the boot is quiet, so the kernel's own line never reaches the console).
   * Init puts both guest-clock times in its "devices ready" line; when they are missing (an
   * unreadable line, a kernel without printk times) they are looked up in dmesg over SSH.
   *
   * @param from console position where this boot's output starts
   */
  public static BootTimings timings(Instant powerOn, ConsoleRecorder console, long from, long sshReady,
      ConsoleRecorder.Match devices, Shell shell) {
    Long initSeen = console.await(from, Duration.ZERO, INIT)
        .map(m -> Duration.between(powerOn, m.seenAt()).toMillis()).orElse(null);
    Long first = console.firstArrival().map(a -> Duration.between(powerOn, a).toMillis()).orElse(null);
    long devicesReady = Duration.between(powerOn, devices.seenAt()).toMillis();
    double[] clock = guestClock(devices.text());
    if (clock == null) {
      clock = guestClockFromDmesg(shell);
    }
    Double runInit = clock == null ? null : clock[0];
    Long init = initSeen == null ? null
        : clock == null ? initSeen : Math.round(initSeen - (clock[1] - clock[0]) * 1000);
    Double overhead = init == null || init <= 0 ? null : (sshReady - init) / (double) init;
    return new BootTimings(powerOn, first, init, initSeen, sshReady, Math.max(sshReady, devicesReady), runInit,
        overhead);
  }

  /** {kernel ran /init, init started} in seconds of the guest's clock, from init's line. */
  static double[] guestClock(String devicesLine) {
    Matcher m = GUEST_CLOCK.matcher(devicesLine);
    return m.find() ? new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))} : null;
  }

  private static double[] guestClockFromDmesg(Shell shell) {
    Double runInit = null;
    Double marker = null;
    try {
      String out = shell.run("dmesg | grep -m2 -e 'Run /init' -e 'lifelab-guest: init started'",
          Duration.ofSeconds(10)).stdout();
      for (String line : out.split("\n")) {
        Matcher m = STAMP.matcher(line);
        if (m.find()) {
          double t = Double.parseDouble(m.group(1));
          if (line.contains("Run /init")) {
            runInit = t;
          } else {
            marker = t;
          }
        }
      }
    } catch (ShellException e) {
      // Timings without the guest's clock are still worth keeping.
    }
    return runInit == null || marker == null ? null : new double[] {runInit, marker};
  }
}
