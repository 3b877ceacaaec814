package dev.lifelab.kernellog;

import static dev.lifelab.kernellog.SampleLogs.ARM64_NULL_DEREF;
import static dev.lifelab.kernellog.SampleLogs.BOOT_NOISE;
import static dev.lifelab.kernellog.SampleLogs.HARD_LOCKUP;
import static dev.lifelab.kernellog.SampleLogs.HUNG_TASK;
import static dev.lifelab.kernellog.SampleLogs.MISSING_RELEASE;
import static dev.lifelab.kernellog.SampleLogs.REFCOUNT_UNDERFLOW;
import static dev.lifelab.kernellog.SampleLogs.UNINITIALIZED_KOBJECT;
import static dev.lifelab.kernellog.SampleLogs.X86_GPF_OOPS_PREFIX;
import static dev.lifelab.kernellog.SampleLogs.X86_NULL_DEREF_PANIC;
import static dev.lifelab.kernellog.SampleLogs.X86_PAGE_FAULT;
import static dev.lifelab.kernellog.SampleLogs.join;
import static dev.lifelab.kernellog.SampleLogs.lines;
import static dev.lifelab.kernellog.SampleLogs.stamped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifelab.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the analyzer reports for the kernel problems lifelab hunts, and how it is called. */
class KernelLogAnalyzerTest {
  private final KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();

  private List<Finding> analyze(String log) {
    return analyzer.analyze(log, "console.log");
  }

  @Test
  void missingReleaseFunctionIsAKobjectFindingNamedAfterTheDriver() {
    Finding f = analyze(join(stamped(BOOT_NOISE, 3), stamped(MISSING_RELEASE, 20))).get(0);

    assertThat(f.kind()).isEqualTo("kobject");
    assertThat(f.title()).isEqualTo("WARNING in foo_remove");
    assertThat(f.report()).contains("Device 'foo0' does not have a release() function");
    assertThat(f.kernelVersion()).isEqualTo("6.1.0-47-amd64");
    assertThat(f.taint()).isEqualTo("GO");
  }

  @Test
  void missingReleaseMessageAloneIsStillReported() {
    List<Finding> findings = analyze(join(stamped(MISSING_RELEASE, 20).subList(0, 2)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("kobject");
      assertThat(f.title()).isEqualTo("WARNING: device without release function");
    });
  }

  @Test
  void putOfAnUninitializedKobjectIsAKobjectBugInTheCaller() {
    Finding f = analyze(join(stamped(UNINITIALIZED_KOBJECT, 20))).get(0);

    assertThat(f.kind()).isEqualTo("kobject");
    assertThat(f.title()).isEqualTo("WARNING: kobject bug in corge_init");
  }

  @Test
  void refcountUnderflowIsARefcountBugInTheCaller() {
    List<Finding> findings = analyze(join(stamped(REFCOUNT_UNDERFLOW, 20)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("refcount");
      assertThat(f.title()).isEqualTo("WARNING: refcount bug in qux_release");
      assertThat(f.startLine()).isEqualTo(1);
      assertThat(f.endLine()).isEqualTo(lines(REFCOUNT_UNDERFLOW).size());
      assertThat(f.frames()).containsExactly("qux_release", "__fput", "task_work_run",
          "exit_to_user_mode_prepare", "syscall_exit_to_user_mode", "do_syscall_64",
          "entry_SYSCALL_64_after_hwframe");
    });
  }

  @Test
  void delayedKobjectReleaseDebugLinesAreNotFindings() {
    assertThat(analyze(join(stamped(BOOT_NOISE, 3)))).isEmpty();
  }

  @Test
  void panicAfterAnOopsIsPartOfTheOops() {
    List<Finding> findings = analyze(join(stamped(X86_NULL_DEREF_PANIC, 30), stamped(BOOT_NOISE, 40)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("oops");
      assertThat(f.title()).isEqualTo("BUG: unable to handle kernel NULL pointer dereference in bar_read");
      assertThat(f.endLine()).isEqualTo(lines(X86_NULL_DEREF_PANIC).size());
      assertThat(f.report()).contains("Kernel panic - not syncing: Fatal exception");
      assertThat(f.corrupted()).isFalse();
    });
  }

  @Test
  void arm64OopsIsOneFindingNamedAfterTheFaultingFunction() {
    List<Finding> findings = analyze(join(stamped(ARM64_NULL_DEREF, 30)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("oops");
      assertThat(f.title()).isEqualTo("BUG: unable to handle kernel NULL pointer dereference in baz_show");
      assertThat(f.kernelVersion()).isEqualTo("6.1.192");
      assertThat(f.frames()).startsWith("baz_show", "seq_read_iter");
    });
  }

  @Test
  void hardLockupIsNamedAfterTheDriverFrameUnderTheSpinLock() {
    List<Finding> findings = analyze(join(stamped(BOOT_NOISE, 3), stamped(HARD_LOCKUP, 40)));

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("hard-lockup");
      assertThat(f.title()).isEqualTo("BUG: hard lockup in grault_poll_timer");
      assertThat(f.endLine()).isEqualTo(lines(BOOT_NOISE).size() + lines(HARD_LOCKUP).size());
      assertThat(f.report()).contains("Kernel panic - not syncing: Hard LOCKUP");
      assertThat(f.kernelVersion()).isEqualTo("6.12.117+deb12-arm64");
    });
  }

  @Test
  void newerX86FaultFormatsAreNamedAfterTheDriverFrame() {
    List<Finding> findings = analyze(join(stamped(X86_GPF_OOPS_PREFIX, 50), stamped(BOOT_NOISE, 51),
        stamped(X86_PAGE_FAULT, 60)));

    assertThat(findings).extracting(Finding::kind, Finding::title, Finding::corrupted).containsExactly(
        tuple("gpf", "general protection fault in plugh_proc_show", false),
        tuple("oops", "BUG: unable to handle kernel paging request in xyzzy_remove", false));
    assertThat(findings.get(0).endLine()).isEqualTo(lines(X86_GPF_OOPS_PREFIX).size());
    assertThat(findings.get(1).kernelVersion()).isEqualTo("6.12.117+deb12-amd64");
  }

  @Test
  void findingsComeInLogOrderWithTheLinesTheyCover() {
    String log = join(stamped(BOOT_NOISE, 3), stamped(HUNG_TASK, 12), stamped(BOOT_NOISE, 13),
        stamped(MISSING_RELEASE, 14), stamped(ARM64_NULL_DEREF, 15));
    int noise = lines(BOOT_NOISE).size();
    int hung = lines(HUNG_TASK).size();
    int release = lines(MISSING_RELEASE).size();

    List<Finding> findings = analyze(log);

    assertThat(findings).extracting(Finding::title).containsExactly(
        "INFO: task hung in hwrng_unregister",
        "WARNING in foo_remove",
        "BUG: unable to handle kernel NULL pointer dereference in baz_show");
    assertThat(findings).extracting(Finding::startLine)
        .containsExactly(noise + 1, 2 * noise + hung + 1, 2 * noise + hung + release + 1);
    assertThat(findings).extracting(Finding::endLine)
        .containsExactly(noise + hung, 2 * noise + hung + release,
            2 * noise + hung + release + lines(ARM64_NULL_DEREF).size());
  }

  @Test
  void aReportWithAnEndlessStackKeepsBoundedText() {
    List<String> log = new ArrayList<>(stamped(HUNG_TASK, 12).subList(0, 6));
    log.addAll(Collections.nCopies(200_000, "[   12.500000]  do_loop+0x12/0x40"));
    log.addAll(stamped(REFCOUNT_UNDERFLOW, 20));

    List<Finding> findings = analyze(join(log));

    assertThat(findings).extracting(Finding::title)
        .containsExactly("INFO: task hung in do_loop", "WARNING: refcount bug in qux_release");
    assertThat(findings.get(0).report().length()).isLessThanOrEqualTo(262_144);
    assertThat(findings.get(0).frames()).hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void findingsAreHandedOnBeforeTheLogEnds() throws IOException {
    byte[] first = join(stamped(REFCOUNT_UNDERFLOW, 20), stamped(BOOT_NOISE, 21), stamped(BOOT_NOISE, 22),
        stamped(BOOT_NOISE, 23), stamped(BOOT_NOISE, 24)).getBytes(StandardCharsets.UTF_8);
    byte[] second = join(stamped(HUNG_TASK, 30)).getBytes(StandardCharsets.UTF_8);
    CountDownLatch firstFinding = new CountDownLatch(1);
    AtomicBoolean seenWhileLogOpen = new AtomicBoolean();
    List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    // Like a live console: the rest of the log only comes once the first report was reported.
    InputStream rest = new InputStream() {
      private final InputStream bytes = new ByteArrayInputStream(second);

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          if (firstFinding.await(10, TimeUnit.SECONDS)) {
            seenWhileLogOpen.set(true);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return bytes.read(b, off, len);
      }
    };
    InputStream in = new SequenceInputStream(new ByteArrayInputStream(first), rest);

    analyzer.analyze(in, "live", f -> {
      findings.add(f);
      firstFinding.countDown();
    });

    assertThat(seenWhileLogOpen).isTrue();
    assertThat(findings).extracting(Finding::title)
        .containsExactly("WARNING: refcount bug in qux_release", "INFO: task hung in hwrng_unregister");
  }

  @Test
  void unreadableFileIsAUserErrorNamingTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("no-such.log");

    assertThatThrownBy(() -> analyzer.analyze(missing))
        .isInstanceOf(UserError.class).hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> analyzer.analyze(dir))
        .isInstanceOf(UserError.class).hasMessageContaining(dir.toString());
  }

  @Test
  void emptyFileHasNoFindings(@TempDir Path dir) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.log"));

    assertThat(analyzer.analyze(empty)).isEmpty();
  }
}
