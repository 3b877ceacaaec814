package dev.lifelab.target.qemu;

import dev.lifelab.common.ChildProcesses;
import dev.lifelab.common.Durations;
import dev.lifelab.console.Console;
import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.console.StreamConsole;
import dev.lifelab.image.GuestImage;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.power.PowerControl;
import dev.lifelab.power.PowerException;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.ssh.SshKeys;
import dev.lifelab.ssh.SshShell;
import dev.lifelab.ssh.SshWarmUp;
import dev.lifelab.host.DebianArchive;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.BootTimings;
import dev.lifelab.target.GuestMarkers;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QEMU machine booted with a kernel and lifelab's guest image: console on stdio recorded to
 * {@code console.log}, power through QMP, SSH forwarded to a free loopback port.
 */
public final class QemuTarget implements Target {
  private static final Logger log = LoggerFactory.getLogger(QemuTarget.class);
  private static final Pattern SSH_MARKER = GuestMarkers.SSH;
  private static final Pattern NO_SSH_MARKER = GuestMarkers.NO_SSH;
  private static final Pattern PANIC = GuestMarkers.PANIC;

  private final QemuTargetSpec spec;
  private final KernelImage kernel;
  private final Path runDir;
  private final Path workDir;
  private final Process process;
  private final StreamConsole console;
  private final QmpClient qmp;
  private final QmpPower power;
  private SshShell shell;
  private BootTimings timings;
  private boolean closed;

  private QemuTarget(QemuTargetSpec spec, KernelImage kernel, Path runDir, Path workDir,
      Process process, StreamConsole console, QmpClient qmp) {
    this.spec = spec;
    this.kernel = kernel;
    this.runDir = runDir;
    this.workDir = workDir;
    this.process = process;
    this.console = console;
    this.qmp = qmp;
    this.power = new QmpPower();
  }

  /** Starts QEMU and returns once SSH answers; on failure nothing keeps running. */
  public static QemuTarget start(QemuTargetSpec spec, KernelImage kernel, GuestImage image,
      Path runDir, String extraKernelArgs) throws TargetStartException {
    Path consoleLog = runDir.resolve("console.log");
    Path workDir;
    int port;
    try {
      workDir = Files.createTempDirectory("lifelab-q");
      port = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = QemuCommandLine.withNice(
        QemuCommandLine.build(spec, kernel, image, port, workDir, extraKernelArgs), System.getenv("LIFELAB_QEMU_NICE"));
    CompletableFuture<Void> sshWarmUp = SshWarmUp.start();
    ConsoleRecorder recorder = new ConsoleRecorder(consoleLog);
    Process process;
    Instant powerOn = Instant.now();
    long t0 = System.nanoTime();
    try {
      Files.writeString(runDir.resolve("qemu-cmdline.txt"), shellWords(cmd) + "\n");
      process = new ProcessBuilder(cmd)
          .redirectError(runDir.resolve("qemu-stderr.log").toFile())
          .start();
    } catch (IOException e) {
      recorder.close();
      DebianArchive.deleteTree(workDir);
      throw new TargetStartException(BootStage.EMULATOR_START, "cannot start " + spec.binary() + ": "
          + e.getMessage() + " (install it: see README, set-up)", consoleLog, e);
    }
    ChildProcesses.register(process);
    log.info("QEMU {} started (pid {}), console: {}", spec.machine(), process.pid(), consoleLog);
    StreamConsole console = new StreamConsole(spec.name(), process.getInputStream(), process.getOutputStream(), recorder);
    QemuTarget target = null;
    try {
      QmpClient qmp;
      try {
        qmp = QmpClient.connect(workDir.resolve("qmp.sock"), Duration.ofSeconds(15));
      } catch (IOException e) {
        throw new TargetStartException(BootStage.EMULATOR_START, "QEMU did not start: "
            + stderrTail(runDir, process), consoleLog, e);
      }
      target = new QemuTarget(spec, kernel, runDir, workDir, process, console, qmp);
      target.awaitReady(image.hostKey(), port, powerOn, t0, sshWarmUp);
      return target;
    } catch (TargetStartException | RuntimeException e) {
      if (target != null) {
        target.close();
      } else {
        ChildProcesses.stop(process, 2000);
        console.close();
        DebianArchive.deleteTree(workDir);
      }
      throw e;
    }
  }

  private void awaitReady(String hostKeyLine, int port, Instant powerOn, long t0,
      CompletableFuture<Void> sshWarmUp) throws TargetStartException {
    ConsoleRecorder rec = console.recorder();
    // Parsed before the wait: once the guest says SSH is up, the host connects at once.
    PublicKey hostKey = SshKeys.parsePublicKey(hostKeyLine);
    long bootDeadline = t0 + spec.bootTimeout().toNanos();
    long consoleDeadline = t0 + spec.consoleTimeout().toNanos();
    while (true) {
      Optional<ConsoleRecorder.Match> m = rec.await(0, Duration.ofMillis(100), PANIC, SSH_MARKER, NO_SSH_MARKER);
      if (m.isPresent()) {
        String text = m.get().text();
        if (PANIC.matcher(text).matches()) {
          throw new TargetStartException(BootStage.KERNEL_PANIC, text.strip(), log(), null);
        }
        if (NO_SSH_MARKER.matcher(text).matches()) {
          throw new TargetStartException(BootStage.SSH_TIMEOUT, "the guest found no network interface "
              + "(is the NIC module in nic-modules, and does the kernel have it?)", log(), null);
        }
        break;
      }
      if (!process.isAlive()) {
        console.drain(2000);
        Optional<ConsoleRecorder.Match> panic = rec.await(0, Duration.ZERO, PANIC);
        if (panic.isPresent()) {
          throw new TargetStartException(BootStage.KERNEL_PANIC, panic.get().text().strip(), log(), null);
        }
        BootStage stage = rec.position() == 0 ? BootStage.EMULATOR_START : BootStage.TARGET_DIED;
        throw new TargetStartException(stage, "QEMU exited with status " + process.exitValue()
            + ": " + stderrTail(runDir, process) + consoleTail(rec), log(), null);
      }
      long now = System.nanoTime();
      if (rec.position() == 0 && now > consoleDeadline) {
        throw new TargetStartException(BootStage.NO_CONSOLE_OUTPUT, "nothing on the console within "
            + Durations.format(spec.consoleTimeout()) + " (wrong console= argument or kernel for another machine?)",
            log(), null);
      }
      if (now > bootDeadline) {
        throw new TargetStartException(BootStage.SSH_TIMEOUT, "the guest did not start its SSH server within "
            + Durations.format(spec.bootTimeout()) + consoleTail(rec), log(), null);
      }
    }
    sshWarmUp.join();
    ShellException last = null;
    while (System.nanoTime() < bootDeadline && process.isAlive()) {
      try {
        shell = SshShell.connect("127.0.0.1", port, hostKey, SshKeys.clientKey(), Duration.ofSeconds(10));
        break;
      } catch (ShellException e) {
        last = e;
        sleep(100);
      }
    }
    if (shell == null) {
      throw new TargetStartException(BootStage.SSH_TIMEOUT, "SSH did not answer: "
          + (last == null ? "QEMU exited" : last.getMessage()), log(), last);
    }
    long sshReady = Duration.between(powerOn, Instant.now()).toMillis();
    long left = Math.max(0, bootDeadline - System.nanoTime());
    ConsoleRecorder.Match devices = rec.await(0, Duration.ofNanos(left), GuestMarkers.DEVICES)
        .orElseThrow(() -> new TargetStartException(BootStage.SSH_TIMEOUT,
            "the guest did not finish loading device modules" + consoleTail(rec), log(), null));
    timings = GuestMarkers.timings(powerOn, rec, 0, sshReady, devices, shell);
    log.info("{} ready: SSH after {} (kernel ran /init after {})", spec.name(),
        Durations.format(Duration.ofMillis(sshReady)),
        timings.initMillis() == null ? "?" : Durations.format(Duration.ofMillis(timings.initMillis())));
  }

  private static String consoleTail(ConsoleRecorder rec) {
    String tail = rec.tail(5);
    return tail.isEmpty() ? "" : "; last console lines:\n" + tail;
  }

  private static String stderrTail(Path runDir, Process p) {
    try {
      p.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
      String err = Files.readString(runDir.resolve("qemu-stderr.log")).strip();
      return err.isEmpty() ? "(QEMU printed nothing on stderr)" : err.lines().limit(5).collect(Collectors.joining("; "));
    } catch (IOException e) {
      return "(no stderr)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private Path log() {
    return console.log();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String shellWords(List<String> cmd) {
    return cmd.stream().map(w -> w.matches("[A-Za-z0-9_./:=,+-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Process id of QEMU on the host. */
  public long pid() {
    return process.pid();
  }

  @Override
  public TargetSpec spec() {
    return spec;
  }

  @Override
  public TargetInfo info() {
    return new TargetInfo(spec.name(), "qemu", spec.machine(), null);
  }

  @Override
  public KernelImage kernel() {
    return kernel;
  }

  @Override
  public Shell shell() {
    return shell;
  }

  @Override
  public Console console() {
    return console;
  }

  @Override
  public PowerControl power() {
    return power;
  }

  @Override
  public BootTimings timings() {
    return timings;
  }

  @Override
  public Path runDir() {
    return runDir;
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public String deathReason() {
    if (process.isAlive()) {
      return null;
    }
    String panic = console.recorder().await(0, Duration.ZERO, PANIC).map(ConsoleRecorder.Match::text).orElse(null);
    return "QEMU exited with status " + process.exitValue() + (panic == null ? "" : " after: " + panic.strip());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shell != null) {
      shell.close();
    }
    if (process.isAlive()) {
      qmp.quit();
      try {
        process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ChildProcesses.stop(process, 2000);
    qmp.close();
    console.close();
    DebianArchive.deleteTree(workDir);
  }

  /** QEMU's power: "on" is a reset (QEMU runs as long as the target exists), "off" quits. */
  private final class QmpPower implements PowerControl {
    @Override
    public void on() throws PowerException {
      reset();
    }

    @Override
    public void off() {
      qmp.quit();
    }

    @Override
    public void cycle() throws PowerException {
      reset();
    }

    private void reset() throws PowerException {
      try {
        qmp.reset();
      } catch (IOException e) {
        throw new PowerException("QMP system_reset failed: " + e.getMessage(), e);
      }
    }
  }
}
