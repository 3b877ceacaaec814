package dev.lifelab.target.board;

import dev.lifelab.common.Durations;
import dev.lifelab.common.Json;
import dev.lifelab.common.Project;
import dev.lifelab.console.Console;
import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.console.SerialConsole;
import dev.lifelab.image.GuestImage;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.power.PowerControl;
import dev.lifelab.power.PowerException;
import dev.lifelab.power.PowerSpec;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.ssh.SshKeys;
import dev.lifelab.ssh.SshShell;
import dev.lifelab.ssh.SshWarmUp;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.BootTimings;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board: off → bootloader → kernel → shell. Power is switched by the target's power driver,
 * the console is a serial port recorded into {@code console.log}, the kernel arrives by TFTP
 * through the boot method, and the guest is then driven over SSH. Closing switches the board
 * off; a board that no longer answers over SSH (hung, crashed) is power cycled back to its
 * bootloader first, which proves it recovered, and the console log says so.
 */
public final class BoardTarget implements Target {
  private static final Logger log = LoggerFactory.getLogger(BoardTarget.class);

  private final BoardTargetSpec spec;
  private final KernelImage kernel;
  private final Path runDir;
  private final PowerControl power;
  private final ConsoleRecorder recorder;
  private final BootMethod method;
  private final BoardFiles files;
  private final Thread powerOffOnExit;
  private SerialConsole console;
  private ConsoleSession session;
  private SshShell shell;
  private BootTimings timings;
  private long kernelStartMark = -1;
  private PublicKey hostKey;
  private boolean closed;
  /** Set by the shutdown hook: the board goes off, nothing may switch it on again. */
  private volatile boolean shuttingDown;

  private BoardTarget(BoardTargetSpec spec, KernelImage kernel, Path runDir, BoardFiles files) {
    this.spec = spec;
    this.kernel = kernel;
    this.runDir = runDir;
    this.files = files;
    this.recorder = new ConsoleRecorder(runDir.resolve("console.log"));
    this.power = spec.power().create(new PowerSpec.Context(spec.name(), Project.home(), runDir));
    this.method = new UBootBootMethod(spec.boot(), spec.network());
    // Ctrl-C or a crash of lifelab must not leave the board running a test kernel.
    this.powerOffOnExit = new Thread(() -> {
      shuttingDown = true;
      powerOffQuietly();
    }, "power-off-" + spec.name());
    Runtime.getRuntime().addShutdownHook(powerOffOnExit);
  }

  /** Boots the board and returns once SSH answers; on failure the board is switched off. */
  public static BoardTarget start(BoardTargetSpec spec, KernelImage kernel, GuestImage image, Path runDir,
      String extraKernelArgs) throws TargetStartException {
    BoardFiles files = BoardFiles.stage(spec, kernel, image, runDir);
    BoardTarget t;
    try {
      t = new BoardTarget(spec, kernel, runDir, files);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
    try {
      t.boot(image.hostKey(), bootargs(spec, extraKernelArgs));
      return t;
    } catch (TargetStartException | RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /**
   * The kernel command line: the console, panic=-1 (a panic reboots into the bootloader, which the
   * console shows), quiet (fast), lifelab's network, then the target's and the caller's arguments.
   */
  static String bootargs(BoardTargetSpec spec, String extra) {
    BoardTargetSpec.Network n = spec.network();
    StringBuilder sb = new StringBuilder("console=" + spec.console() + "," + spec.serial().baud()
        + " panic=-1 quiet lifelab.ip=" + n.address());
    if (n.gateway() != null) {
      sb.append(" lifelab.gw=").append(n.gateway());
    }
    if (n.nic() != null) {
      sb.append(" lifelab.nic=").append(n.nic());
    }
    Stream.of(spec.boot().kernelArgs(), extra).filter(s -> s != null && !s.isBlank())
        .forEach(s -> sb.append(' ').append(s.trim()));
    return sb.toString();
  }

  private void boot(String hostKeyLine, String bootargs) throws TargetStartException {
    CompletableFuture<Void> sshWarmUp = SshWarmUp.start();
    BoardTargetSpec.Serial serial = spec.serial();
    recorder.note("power off (a known state before the boot)");
    switchPower(false);
    if (Files.exists(Path.of(serial.port()))) {
      openConsole(Duration.ZERO);
    }
    long powerOnMark = recorder.position();
    recorder.note("power on");
    Instant powerOn = Instant.now();
    switchPower(true);
    if (console == null) {
      // Some adapters are powered by the board, or appear only with it.
      openConsole(serial.reconnectTimeout());
    }
    session = new ConsoleSession(console, serial.reconnectTimeout(), spec.boot().characterDelay(), powerOnMark);
    method.enterBootloader(session);
    long prompt = millisSince(powerOn);
    method.startKernel(session, files.bootFiles(), bootargs);
    kernelStartMark = session.mark();
    long kernelStart = millisSince(powerOn);
    log.info("{}: U-Boot prompt after {}, kernel started after {}", spec.name(),
        Durations.format(Duration.ofMillis(prompt)), Durations.format(Duration.ofMillis(kernelStart)));
    GuestStartup.Up up = new GuestStartup(spec, session, kernelStartMark, method.resetSigns())
        .await(hostKeyLine, powerOn, sshWarmUp, this::deathReason);
    shell = up.shell();
    hostKey = up.hostKey();
    timings = up.timings();
    log.info("{} ready: SSH after {}", spec.name(), Durations.format(Duration.ofMillis(timings.sshReadyMillis())));
    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("powerOn", powerOn);
    stages.put("bootloaderPromptMillis", prompt);
    stages.put("kernelStartMillis", kernelStart);
    stages.put("initSeenMillis", timings.initSeenMillis());
    stages.put("sshReadyMillis", timings.sshReadyMillis());
    Json.write(runDir.resolve("board-boot.json"), stages);
  }

  private void switchPower(boolean on) throws TargetStartException {
    try {
      if (on) {
        power.on();
      } else {
        power.off();
      }
    } catch (PowerException e) {
      throw new TargetStartException(BootStage.POWER, "power " + (on ? "on" : "off") + ": " + e.getMessage(),
          recorder.log(), e);
    }
  }

  private void openConsole(Duration appear) throws TargetStartException {
    try {
      console = SerialConsole.open(spec.serial().port(), spec.serial().baud(), recorder, appear);
    } catch (SerialConsole.OpenException e) {
      throw new TargetStartException(BootStage.CONSOLE, e.getMessage(), recorder.log(), e);
    }
  }

  private static long millisSince(Instant t) {
    return Duration.between(t, Instant.now()).toMillis();
  }

  @Override
  public TargetSpec spec() {
    return spec;
  }

  @Override
  public TargetInfo info() {
    return new TargetInfo(spec.name(), "board", spec.machine(), null);
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
    return deathReason() == null;
  }

  /** Why the kernel is gone, from the console: a panic, a reset into the bootloader, or no console. */
  @Override
  public synchronized String deathReason() {
    if (closed) {
      return "the board was switched off";
    }
    Optional<String> gone = session == null ? Optional.empty() : session.portGone();
    if (gone.isPresent()) {
      return gone.get();
    }
    if (kernelStartMark < 0) {
      return null;
    }
    Pattern[] signs = Stream.concat(Stream.of(GuestStartup.PANIC), method.resetSigns().stream()).toArray(Pattern[]::new);
    return recorder.await(kernelStartMark, Duration.ZERO, signs)
        .map(m -> GuestStartup.PANIC.matcher(m.text()).find() ? "kernel panic: " + m.text().strip()
            : "the board reset into its bootloader: " + m.text().strip())
        .orElse(null);
  }

  /**
   * Power cycles the board and waits for its bootloader's prompt: what ends a hang or crash that
   * SSH cannot get out of. Returns whether the board came back.
   */
  public boolean recover() {
    recorder.note("power cycle to recover the board");
    try {
      // The shutdown hook's power off and this cycle must not interleave: the board could end on.
      synchronized (power) {
        if (shuttingDown) {
          return false;
        }
        power.cycle();
      }
    } catch (PowerException e) {
      log.warn("{}: power cycle failed: {}", spec.name(), e.getMessage());
      recorder.note("power cycle failed: " + e.getMessage());
      return false;
    }
    if (session == null) {
      return true;
    }
    session.markPowerOn();
    try {
      method.enterBootloader(session);
      recorder.note("the board is back at its bootloader after the power cycle");
      return true;
    } catch (TargetStartException e) {
      log.warn("{}: the board did not come back after a power cycle: {}", spec.name(), e.getMessage());
      recorder.note("the board did not come back after the power cycle: check it by hand");
      return false;
    }
  }

  /** True when a fresh SSH connection runs a command: the kernel is alive and the network up. */
  private boolean answers() {
    if (shell == null || deathReason() != null) {
      return false;
    }
    BoardTargetSpec.Network n = spec.network();
    try (Shell s = SshShell.connect(n.sshHost(), n.sshPort(), hostKey, SshKeys.clientKey(), Duration.ofSeconds(5))) {
      return s.run("true", Duration.ofSeconds(5)).ok();
    } catch (ShellException e) {
      return false;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    if (shell != null) {
      boolean answers = answers();
      shell.close();
      if (!answers) {
        String why = deathReason();
        recorder.note("the board does not answer over SSH" + (why == null ? "" : " (" + why + ")"));
        if (!shuttingDown) {
          recover();
        }
      }
    }
    synchronized (this) {
      closed = true;
    }
    powerOffQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(powerOffOnExit);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
    if (console != null) {
      console.close();
    } else {
      recorder.close();
    }
  }

  private void powerOffQuietly() {
    try {
      recorder.note("power off");
      synchronized (power) {
        power.off();
      }
    } catch (PowerException | RuntimeException e) {
      log.warn("{}: power off failed: {}", spec.name(), e.getMessage());
    } finally {
      files.close();
    }
  }
}
