package dev.lifelab.target.board;

import dev.lifelab.common.Durations;
import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.ssh.SshKeys;
import dev.lifelab.ssh.SshShell;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.BootTimings;
import dev.lifelab.target.GuestMarkers;
import dev.lifelab.target.ShellException;
import dev.lifelab.target.TargetStartException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kernel → shell on a board: lifelab's init announcing itself on the console, its SSH server,
 * then the device modules. A panic, a reset into the bootloader or a guest without network ends
 * the wait with its own stage.
 */
final class GuestStartup {
  static final Pattern SSH_MARKER = GuestMarkers.SSH;
  static final Pattern DEVICES_MARKER = GuestMarkers.DEVICES;
  static final Pattern NO_SSH_MARKER = GuestMarkers.NO_SSH;
  static final Pattern PANIC = GuestMarkers.PANIC;

  /** The guest is up: its shell, its pinned host key, how long it took. */
  record Up(SshShell shell, PublicKey hostKey, BootTimings timings) {}

  private final BoardTargetSpec spec;
  private final ConsoleSession session;
  private final ConsoleRecorder recorder;
  private final long kernelStartMark;
  private final List<Pattern> resetSigns;

  GuestStartup(BoardTargetSpec spec, ConsoleSession session, long kernelStartMark, List<Pattern> resetSigns) {
    this.spec = spec;
    this.session = session;
    this.recorder = session.recorder();
    this.kernelStartMark = kernelStartMark;
    this.resetSigns = resetSigns;
  }

  /**
   * @param deathReason why the board is gone, or null while it lives; stops the SSH retries early
   */
  Up await(String hostKeyLine, Instant powerOn, CompletableFuture<Void> sshWarmUp, Supplier<String> deathReason)
      throws TargetStartException {
    Duration limit = spec.boot().bootTimeout();
    long deadline = System.nanoTime() + limit.toNanos();
    PublicKey hostKey = SshKeys.parsePublicKey(hostKeyLine);
    awaitSshMarker(powerOn, limit, deadline);
    sshWarmUp.join();
    BoardTargetSpec.Network n = spec.network();
    SshShell shell = null;
    ShellException last = null;
    while (shell == null && System.nanoTime() < deadline && deathReason.get() == null) {
      try {
        shell = SshShell.connect(n.sshHost(), n.sshPort(), hostKey, SshKeys.clientKey(), Duration.ofSeconds(10));
      } catch (ShellException e) {
        last = e;
        ConsoleSession.sleep(Duration.ofMillis(250));
      }
    }
    if (shell == null) {
      throw session.fail(BootStage.SSH_TIMEOUT, "SSH to " + n.sshHost() + ":" + n.sshPort() + " did not answer: "
          + (last == null ? deathReason.get() : last.getMessage()));
    }
    long sshReady = Duration.between(powerOn, Instant.now()).toMillis();
    long left = Math.max(0, deadline - System.nanoTime());
    Optional<ConsoleRecorder.Match> devices = recorder.await(kernelStartMark, Duration.ofNanos(left), DEVICES_MARKER);
    if (devices.isEmpty()) {
      shell.close();
      throw session.fail(BootStage.SSH_TIMEOUT, "the guest did not finish loading device modules" + session.lastLines());
    }
    return new Up(shell, hostKey,
        GuestMarkers.timings(powerOn, recorder, kernelStartMark, sshReady, devices.get(), shell));
  }

  /** Waits for "ssh ready"; returns when init announced itself (ms after power on), if seen. */
  private Long awaitSshMarker(Instant powerOn, Duration limit, long deadline) throws TargetStartException {
    Pattern[] watch = Stream.concat(Stream.of(PANIC, SSH_MARKER, NO_SSH_MARKER), resetSigns.stream())
        .toArray(Pattern[]::new);
    Long initSeen = null;
    while (true) {
      BootStage stage = initSeen == null ? BootStage.KERNEL_START : BootStage.SSH_TIMEOUT;
      Optional<ConsoleRecorder.Match> m = session.poll(stage, kernelStartMark, Duration.ofMillis(200), watch);
      if (initSeen == null) {
        initSeen = recorder.await(kernelStartMark, Duration.ZERO, GuestMarkers.INIT)
            .map(x -> Duration.between(powerOn, x.seenAt()).toMillis()).orElse(null);
      }
      if (m.isPresent()) {
        String text = m.get().text().strip();
        if (PANIC.matcher(text).matches()) {
          throw session.fail(BootStage.KERNEL_PANIC, text);
        }
        if (NO_SSH_MARKER.matcher(text).matches()) {
          throw session.fail(BootStage.SSH_TIMEOUT, "the guest found no network interface (are the NIC's "
              + "modules in network.modules, and does the kernel have them?)");
        }
        if (!SSH_MARKER.matcher(text).matches()) {
          throw session.fail(BootStage.KERNEL_START, "the board reset into its bootloader after the kernel "
              + "started: '" + text + "'" + session.lastLines());
        }
        return initSeen;
      }
      if (System.nanoTime() > deadline) {
        throw session.fail(stage, initSeen == null
            ? "the kernel did not reach lifelab's init within " + Durations.format(limit)
                + " (console= device, dtb, a kernel for this board?)" + session.lastLines()
            : "the guest did not start its SSH server within " + Durations.format(limit) + session.lastLines());
      }
    }
  }
}
