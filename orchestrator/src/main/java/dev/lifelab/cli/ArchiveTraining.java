package dev.lifelab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A made-up console log of a few MiB that {@code lifelab analyze} is run on when the launcher
 * makes its class-data-sharing archive. The archive holds the classes a run loaded; made from a
 * run on a short log it would lack those of a long one (the scanning threads, the report
 * output), and each long log would load them again from the jar (10 ms of a 64 MiB log).
 */
final class ArchiveTraining {
  /** The argument that makes {@code AnalyzeCommand} analyse this log instead of files. */
  static final String OPTION = "--archive-training";
  private static final int BYTES = 3 << 20;

  private ArchiveTraining() {}

  /** Analyses the made-up log with the given command line (JSON and text), output to stdout. */
  static void run(Function<String[], Integer> analyze) {
    Path log = null;
    try {
      log = Files.createTempFile("lifelab-training", ".log");
      Files.write(log, consoleLog().getBytes(StandardCharsets.UTF_8));
      analyze.apply(new String[] {"--json", log.toString()});
      analyze.apply(new String[] {log.toString()});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (log != null) {
        log.toFile().delete();
      }
    }
  }

  /** Boot chatter with a report of each common kind now and then, with and without caller ids. */
  static String consoleLog() {
    StringBuilder log = new StringBuilder(BYTES + 4096);
    int line = 0;
    while (log.length() < BYTES) {
      String micros = Integer.toString(1_000_000 + line % 1000 * 1000).substring(1);
      String stamp = "[" + " ".repeat(5) + (line / 1000) + "." + micros + "]";
      String caller = line % 2 == 0 ? "" : "[  T" + (100 + line % 7) + "]";
      if (line % 9000 == 4500) {
        report(log, stamp + caller + " ");
      } else {
        log.append(stamp).append(caller).append(" usb 1-1: new high-speed USB device number ")
            .append(line % 128).append(" using xhci_hcd\n");
      }
      if (line % 1000 == 999) {
        log.append("+ cat /sys/class/mtd/mtd0/name\nflash0\n");
      }
      line++;
    }
    return log.toString();
  }

  private static void report(StringBuilder log, String prefix) {
    String[] warning = {
        "------------[ cut here ]------------",
        "WARNING: CPU: 1 PID: 210 at drivers/base/core.c:2405 device_release+0x80/0x90",
        "Modules linked in: i2c_dev",
        "CPU: 1 PID: 210 Comm: sh Not tainted 6.1.0-47-amd64 #1",
        "RIP: 0010:device_release+0x80/0x90",
        "Call Trace:",
        " <TASK>",
        " kobject_put+0xa7/0x1d0",
        " i2c_del_adapter+0x1c4/0x270",
        " ? __pfx_device_release+0x10/0x10",
        " device_release_driver_internal+0x1a3/0x200",
        " unbind_store+0xa0/0xb0",
        " kernfs_fop_write_iter+0x11c/0x1f0",
        " vfs_write+0x2a9/0x3b0",
        " ksys_write+0x5f/0xe0",
        " do_syscall_64+0x58/0xc0",
        " entry_SYSCALL_64_after_hwframe+0x64/0xce",
        " </TASK>",
        "---[ end trace 0000000000000000 ]---",
        "INFO: task sh:211 blocked for more than 120 seconds.",
        "      Not tainted 6.1.0-47-amd64 #1",
        "task:sh              state:D stack:0     pid:211   ppid:1      flags:0x00004002",
        "Call Trace:",
        " <TASK>",
        " __schedule+0x34d/0x9e0",
        " schedule+0x5a/0xd0",
        " schedule_timeout+0x118/0x150",
        " wait_for_completion+0x86/0x160",
        " i2c_del_adapter+0x1f0/0x270",
        " i801_remove+0x2f/0xb0",
        " </TASK>",
        "==================================================================",
        "BUG: KASAN: use-after-free in mtd_proc_show+0x2c/0x90",
        "Read of size 8 at addr ffff888004a1c010 by task cat/230",
        "Call Trace:",
        " kasan_report+0xb8/0xf0",
        " mtd_proc_show+0x2c/0x90",
        " seq_read_iter+0x11f/0x450",
        "==================================================================",
    };
    for (String l : warning) {
      log.append(prefix).append(l).append('\n');
    }
  }
}
