package dev.lifelab.report;

import dev.lifelab.common.Json;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs of two nights on two kernel versions of one target, as input for report tests, with run
 * directories holding results.json and a console.log.
 *
 * <pre>
 * qemu-arm64-virt   6.1.0-47-arm64          6.1.0-50-arm64
 * i2c-unbind        pass                    hang (i2c_del_adapter)     -> regression (kernel)
 * mtd-unbind        fail (KASAN uaf)        pass                       -> fix (kernel)
 * gpio-unbind       -                       pass, then fail (WARNING)  -> regression (rerun)
 * spi-unbind        pass                    pass, then infra-error     -> no change
 * rtc-unbind        -                       incomplete
 * </pre>
 */
public final class ReportFixtures {
  public static final String TARGET = "qemu-arm64-virt";
  public static final String OLD = "6.1.0-47-arm64";
  public static final String NEW = "6.1.0-50-arm64";
  public static final Instant NIGHT1 = Instant.parse("2026-03-01T02:00:00Z");
  public static final Instant NIGHT2 = NIGHT1.plus(Duration.ofDays(1));
  /** Kernel output that must show as text in every report. */
  public static final String HOSTILE = "<script>alert(1)</script> \u001b[31mred\u001b[0m";
  public static final String UAF_TITLE = "KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90";
  public static final String WARN_TITLE = "WARNING in gpiochip_remove " + HOSTILE;

  private ReportFixtures() {}

  /** The runs; with {@code runsDir} not null, also their run directories under it. */
  public static List<RunResult> runs(Path runsDir) throws IOException {
    List<RunResult> out = new ArrayList<>();
    out.add(TestRuns.pass("n1-i2c-47", TARGET, "i2c-unbind", OLD, NIGHT1));
    out.add(TestRuns.run("n1-i2c-50", TARGET, "i2c-unbind", NEW, Verdict.HANG,
        NIGHT1.plusSeconds(600), List.of(), List.of(TestRuns.hang("i2c_del_adapter"))));
    out.add(TestRuns.run("n1-mtd-47", TARGET, "mtd-unbind", OLD, Verdict.FAIL,
        NIGHT1.plusSeconds(1200), List.of(uaf()), List.of()));
    out.add(TestRuns.pass("n1-mtd-50", TARGET, "mtd-unbind", NEW, NIGHT1.plusSeconds(1800)));
    out.add(TestRuns.pass("n1-gpio-50", TARGET, "gpio-unbind", NEW, NIGHT1.plusSeconds(2400)));
    out.add(TestRuns.pass("n1-spi-47", TARGET, "spi-unbind", OLD, NIGHT1.plusSeconds(3000)));
    out.add(TestRuns.pass("n1-spi-50", TARGET, "spi-unbind", NEW, NIGHT1.plusSeconds(3600)));
    out.add(TestRuns.run("n2-gpio-50", TARGET, "gpio-unbind", NEW, Verdict.FAIL,
        NIGHT2.plusSeconds(2400), List.of(warning()), List.of()));
    out.add(TestRuns.run("n2-spi-50", TARGET, "spi-unbind", NEW, Verdict.INFRA_ERROR,
        NIGHT2.plusSeconds(3600), List.of(), List.of()));
    out.add(TestRuns.started(TestRuns.pass("n2-rtc-50", TARGET, "rtc-unbind", NEW,
        NIGHT2.plusSeconds(4200))));
    if (runsDir == null) {
      return out;
    }
    List<RunResult> placed = new ArrayList<>();
    for (RunResult r : out) {
      Path dir = Files.createDirectories(runsDir.resolve(r.runId()));
      RunResult withDir = TestRuns.withRunDir(r, dir.toAbsolutePath().toString());
      Json.write(dir.resolve("results.json"), withDir);
      Files.writeString(dir.resolve("console.log"), console(r), StandardCharsets.UTF_8);
      placed.add(withDir);
    }
    return placed;
  }

  static Finding uaf() {
    return new Finding("kasan", UAF_TITLE, "console.log", 100, 104,
        List.of("mtd_proc_show", "seq_read_iter", "proc_reg_read_iter"), OLD, "G    B", false,
        "BUG: KASAN: use-after-free in mtd_proc_show+0x2c/0x90\n"
            + "Read of size 8 at addr ffff0000c5a1e2f8 by task cat/305\n"
            + "Call trace:\n mtd_proc_show+0x2c/0x90\n seq_read_iter+0x1d4/0x6a0");
  }

  static Finding warning() {
    return new Finding("warning", WARN_TITLE, "console.log", 100, 102,
        List.of("gpiochip_remove"), NEW, "W", false,
        "WARNING: CPU: 1 PID: 290 at drivers/gpio/gpiolib.c:2490 gpiochip_remove\n"
            + "label: " + HOSTILE + "\n");
  }

  /** A console log whose lines 100 on hold the finding, if the run has one. */
  static String console(RunResult r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < 100; i++) {
      sb.append(String.format("[%6d.%06d] boot line %d%n", i / 10, i * 1000, i));
    }
    if (!r.findings().isEmpty()) {
      Finding f = r.findings().get(0);
      for (String line : f.report().split("\n")) {
        sb.append("[  512.000001] ").append(line).append('\n');
      }
      sb.append("[  512.000002] device name ").append(HOSTILE).append('\n');
    }
    for (int i = 0; i < 20; i++) {
      sb.append("[  600.000000] after line ").append(i).append('\n');
    }
    return sb.toString();
  }

  /** Runs on a second target and more kernels, without run directories, for a fuller page. */
  public static List<RunResult> moreTargets() {
    String t = "qemu-x86_64-q35";
    List<String> kernels = List.of("6.1.0-47-amd64", "6.1.0-50-amd64", "6.12.107", "6.13-rc7");
    List<String> plans = List.of("i2c-unbind", "mtd-unbind", "spi-unbind", "usb-gadget-unbind");
    List<RunResult> out = new ArrayList<>();
    Instant at = NIGHT1;
    for (String k : kernels) {
      for (String p : plans) {
        at = at.plusSeconds(300);
        String id = "x86-" + p + "-" + k;
        if (p.equals("i2c-unbind") && !k.startsWith("6.1.")) {
          out.add(TestRuns.run(id, t, p, k, Verdict.HANG, at, List.of(),
              List.of(TestRuns.hang("i2c_del_adapter"))));
        } else if (p.equals("usb-gadget-unbind") && k.equals("6.13-rc7")) {
          out.add(TestRuns.run(id, t, p, k, Verdict.FAIL, at, List.of(
              TestRuns.finding("kobject", "kobject: 'gadget.0' refcount underflow in"
                  + " usb_del_gadget", 200, 230),
              TestRuns.finding("warning", "WARNING in kobject_put", 231, 260)), List.of()));
        } else if (p.equals("spi-unbind") && k.equals("6.12.107")) {
          out.add(TestRuns.run(id, t, p, k, Verdict.INFRA_ERROR, at, List.of(), List.of()));
        } else {
          out.add(TestRuns.pass(id, t, p, k, at));
        }
      }
    }
    return out;
  }
}
