package dev.lifelab.kernellog;

import static dev.lifelab.kernellog.SampleLogs.BOOT_NOISE;
import static dev.lifelab.kernellog.SampleLogs.HUNG_TASK;
import static dev.lifelab.kernellog.SampleLogs.REFCOUNT_UNDERFLOW;
import static dev.lifelab.kernellog.SampleLogs.X86_NULL_DEREF_PANIC;
import static dev.lifelab.kernellog.SampleLogs.interleave;
import static dev.lifelab.kernellog.SampleLogs.join;
import static dev.lifelab.kernellog.SampleLogs.lines;
import static dev.lifelab.kernellog.SampleLogs.stamped;
import static dev.lifelab.kernellog.SampleLogs.withCaller;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs as they come from real targets: prefixes, line ends, noise, interleaving, truncation. */
class InputQuirksTest {
  private final KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();

  private List<Finding> analyze(String log) {
    return analyzer.analyze(log, "test.log");
  }

  private List<Finding> analyze(byte[] log) throws IOException {
    List<Finding> findings = new ArrayList<>();
    analyzer.analyze(new ByteArrayInputStream(log), "test.log", findings::add);
    return findings;
  }

  @Test
  void crlfLineEndsGiveTheSameFindingsAsLf() {
    String lf = join(stamped(BOOT_NOISE, 3), stamped(HUNG_TASK, 12), stamped(REFCOUNT_UNDERFLOW, 14));
    List<Finding> expected = analyze(lf);

    List<Finding> crlf = analyze(lf.replace("\n", "\r\n"));

    assertThat(crlf).extracting(Finding::title)
        .containsExactly("INFO: task hung in hwrng_unregister", "WARNING: refcount bug in qux_release");
    assertThat(crlf).extracting(Finding::startLine, Finding::endLine)
        .isEqualTo(expected.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.startLine(), f.endLine())).toList());
    assertThat(crlf.get(0).report()).doesNotContain("\r");
  }

  @Test
  void aHeaderCutShortAndPrintedAgainGivesOneWholeReportWithAndWithoutTimestamps() {
    // The console cut the header after a few bytes, said so, and printed the message again.
    List<String> whole = lines(HUNG_TASK);
    List<String> unstamped = new ArrayList<>();
    unstamped.add("INFO: t");
    unstamped.add("** replaying previous printk message **");
    unstamped.addAll(whole);
    List<String> stamped = new ArrayList<>(stamped(HUNG_TASK, 12));
    stamped.add(0, "** replaying previous printk message **");
    stamped.add(0, stamped.get(1).substring(0, stamped.get(1).indexOf("INFO: t") + "INFO: t".length()));

    for (List<String> log : List.of(unstamped, stamped)) {
      List<Finding> findings = analyze(join(log));

      assertThat(findings).as(log.get(0)).extracting(Finding::title)
          .containsExactly("INFO: task hung in hwrng_unregister");
      assertThat(findings.get(0).startLine()).isEqualTo(1);
      assertThat(findings.get(0).endLine()).isEqualTo(log.size());
    }
  }

  @Test
  void aReportStartingAfterAShellPromptOnTheConsoleIsWhole() {
    List<String> log = new ArrayList<>(stamped(HUNG_TASK, 12));
    // A console shell printed its prompt and a terminal query before the kernel took the line.
    log.set(0, "/ # \u001b[6n" + log.get(0));

    List<Finding> findings = analyze(join(log));

    assertThat(findings).extracting(Finding::title).containsExactly("INFO: task hung in hwrng_unregister");
    assertThat(findings.get(0).corrupted()).isFalse();
    assertThat(findings.get(0).endLine()).isEqualTo(log.size());
  }

  @Test
  void syslogLevelAndSyslogDaemonPrefixesAreStripped() {
    List<String> log = new ArrayList<>();
    stamped(HUNG_TASK, 12).forEach(l -> log.add("<3>" + l));
    stamped(REFCOUNT_UNDERFLOW, 14).forEach(l -> log.add("Nov 28 12:14:01 board kernel: " + l));

    List<Finding> findings = analyze(join(log));

    assertThat(findings).extracting(Finding::title)
        .containsExactly("INFO: task hung in hwrng_unregister", "WARNING: refcount bug in qux_release");
    assertThat(findings).noneMatch(Finding::corrupted);
  }

  @Test
  void humanReadableAndDecodedDmesgPrefixesAreStripped() {
    List<String> log = new ArrayList<>();
    lines(HUNG_TASK).forEach(l -> log.add("[Sat Nov 28 12:14:01 2026] " + l));
    lines(REFCOUNT_UNDERFLOW).forEach(l -> log.add("kern  :warn  : [   14.000137] " + l));
    lines(X86_NULL_DEREF_PANIC).forEach(l -> log.add("2026-11-28T12:15:03.123456+01:00 board kernel: " + l));

    List<Finding> findings = analyze(join(log));

    assertThat(findings).extracting(Finding::title).containsExactly(
        "INFO: task hung in hwrng_unregister",
        "WARNING: refcount bug in qux_release",
        "BUG: unable to handle kernel NULL pointer dereference in bar_read");
  }

  @Test
  void userSpaceWordsLikeWarningOnTheConsoleAreNotReports() {
    List<String> log = new ArrayList<>(stamped(BOOT_NOISE, 3));
    log.add("WARNING: test image built without debug symbols");
    log.add("INFO: starting unbind test");
    log.add("BUG: none expected here");
    log.addAll(stamped(BOOT_NOISE, 4));

    assertThat(analyze(join(log))).isEmpty();
  }

  @Test
  void framesTheUnwinderIsUnsureAboutNameNoReportInLogsWithoutTimestamps() {
    // powerpc marks a stale first frame "(unreliable)"
    String hung = """
        INFO: task sh:93 blocked for more than 120 seconds.
              Not tainted 6.1.0-47-powerpc64le #1 Debian 6.1.170-3
        "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
        task:sh              state:D stack:0     pid:93    ppid:1      flags:0x00040000
        Call Trace:
        [c000000009c83530] [c000000009c835a0] mtd_read_oob+0x88/0x120 (unreliable)
        [c000000009c83710] [c0000000000286fc] __switch_to+0x43c/0x6d0
        [c000000009c83780] [c00000000138678c] __schedule+0x3cc/0xed0
        [c000000009c83860] [c0000000013872e0] schedule+0x50/0xd0
        [c000000009c83880] [c00000000138e22c] schedule_timeout+0x36c/0x810
        [c000000009c839a0] [c00000000138832c] wait_for_completion+0xfc/0x220
        [c000000009c83a10] [c0000000005f8868] i2c_del_adapter+0x188/0x2a0
        [c000000009c83ad0] [c00000000016556c] device_release_driver_internal+0x1b2/0x230
        [c000000009c83b00] [c000000000175ea4] unbind_store+0xe0/0x110
        """;

    assertThat(analyze(join(lines(hung)))).extracting(Finding::title)
        .containsExactly("INFO: task hung in i2c_del_adapter");
    assertThat(analyze(join(stamped(hung, 7)))).extracting(Finding::title)
        .containsExactly("INFO: task hung in i2c_del_adapter");
  }

  @Test
  void dmesgWithoutTimestampsIsAnalysed() {
    List<Finding> findings = analyze(join(lines(BOOT_NOISE), lines(X86_NULL_DEREF_PANIC)));

    assertThat(findings).extracting(Finding::title)
        .containsExactly("BUG: unable to handle kernel NULL pointer dereference in bar_read");
  }

  @Test
  void reportsOfTwoTasksInterleavedWithCallerIdsAreTakenApart() {
    List<String> hung = withCaller(HUNG_TASK, 12, "T93");
    List<String> refcount = withCaller(REFCOUNT_UNDERFLOW, 12, "T103");

    List<Finding> findings = analyze(join(interleave(hung, refcount)));

    assertThat(findings).extracting(Finding::title)
        .containsExactly("INFO: task hung in hwrng_unregister", "WARNING: refcount bug in qux_release");
    assertThat(findings).noneMatch(Finding::corrupted);
    assertThat(findings.get(0).report()).doesNotContain("qux_release").contains("hwrng_unregister");
    assertThat(findings.get(1).report()).doesNotContain("hwrng_unregister").contains("qux_release");
  }

  @Test
  void reportsInterleavedWithoutCallerIdsAreMarkedCorrupted() {
    List<String> hung = stamped(HUNG_TASK, 12);
    List<String> refcount = stamped(REFCOUNT_UNDERFLOW, 12);

    List<Finding> findings = analyze(join(interleave(hung, refcount)));

    assertThat(findings).isNotEmpty();
    assertThat(findings.get(0).title()).isEqualTo("INFO: task hung in corrupted");
    assertThat(findings.get(0).corrupted()).isTrue();
  }

  @Test
  void reportCutOffInsideItsStackTraceIsMarkedCorrupted() {
    List<String> cut = stamped(REFCOUNT_UNDERFLOW, 14).subList(0, 11);

    List<Finding> findings = analyze(join(stamped(BOOT_NOISE, 3), cut));

    assertThat(cut.get(cut.size() - 1)).endsWith("qux_release+0x5e/0x70 [qux]");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.title()).isEqualTo("WARNING: refcount bug in qux_release");
      assertThat(f.corrupted()).isTrue();
      assertThat(f.endLine()).isEqualTo(6 + 11);
    });
  }

  @Test
  void reportCutOffRightAfterItsHeaderIsMarkedCorrupted() {
    String log = join(stamped(BOOT_NOISE, 3),
        List.of("[   20.000001] ==================================================================",
            "[   20.000002] BUG: KASAN: slab-use-after-free in foo_ioctl+0x4c/0x120 [foo]"));

    List<Finding> findings = analyze(log);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("kasan");
      // without "Read of size", the header line is all there is to name the report by
      assertThat(f.title()).isEqualTo("KASAN: slab-use-after-free in foo_ioctl [foo]");
      assertThat(f.corrupted()).isTrue();
    });
  }

  @Test
  void bytesThatAreNotUtf8DoNotHideReports() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    log.write("[    1.000000] serial8250: ttyS0 at I/O 0x3f8\n".getBytes(StandardCharsets.US_ASCII));
    log.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, (byte) 0xa0, '\n'});
    log.write("[    2.000000] Ger\u00e4t gefunden\n".getBytes(StandardCharsets.ISO_8859_1));
    List<String> hung = stamped(HUNG_TASK, 12);
    for (int i = 0; i < hung.size(); i++) {
      log.write((hung.get(i) + "\n").getBytes(StandardCharsets.US_ASCII));
      if (i == 2) {
        log.write(new byte[] {'[', (byte) 0x9b, (byte) 0xe2, (byte) 0x82, '\n'});
      }
    }

    List<Finding> findings = analyze(log.toByteArray());

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.title()).isEqualTo("INFO: task hung in hwrng_unregister");
      assertThat(f.startLine()).isEqualTo(4);
    });
  }

  @Test
  void serialNoiseWithoutNewlinesIsSkipped() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    byte[] noise = new byte[300_000];
    new Random(7).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      if (noise[i] == '\n' || noise[i] == '\r') {
        noise[i] = '.';
      }
    }
    log.write(noise);
    log.write('\n');
    log.write(join(stamped(REFCOUNT_UNDERFLOW, 14)).getBytes(StandardCharsets.US_ASCII));

    List<Finding> findings = analyze(log.toByteArray());

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.title()).isEqualTo("WARNING: refcount bug in qux_release");
      assertThat(f.startLine()).isEqualTo(2);
    });
  }

  @Test
  void carriageReturnInsideALineStartsTheKernelLineAfterIt() {
    List<String> hung = new ArrayList<>(stamped(HUNG_TASK, 12));
    hung.set(0, "Probing EDD (edd=off to disable)... o\u001b[ck\r" + hung.get(0));

    List<Finding> findings = analyze(join(hung));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.title()).isEqualTo("INFO: task hung in hwrng_unregister");
      assertThat(f.startLine()).isEqualTo(1);
      assertThat(f.report()).startsWith("[   12.000137] INFO: task sh:93 blocked");
    });
  }

  @Test
  void gzipCompressedLogsAreRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("console.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(join(stamped(BOOT_NOISE, 3), stamped(HUNG_TASK, 12)).getBytes(StandardCharsets.UTF_8));
    }

    List<Finding> findings = analyzer.analyze(file);

    assertThat(findings).extracting(Finding::title).containsExactly("INFO: task hung in hwrng_unregister");
    assertThat(findings.get(0).source()).isEqualTo(file.toString());
  }
}
