package dev.lifelab.target.board;

import dev.lifelab.common.Durations;
import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.target.BootStage;
import dev.lifelab.target.TargetStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Boots through U-Boot as a person at the console would: stop the autoboot countdown, set the
 * network and bootargs, load kernel, initramfs and dtb by TFTP, {@code booti}. Every command is
 * followed by an echo of its status, so success is seen, not assumed; U-Boot's failure messages
 * ({@link UBootErrors}) end the boot at once with the line that said so.
 */
public final class UBootBootMethod implements BootMethod {
  /** U-Boot's command line buffer is often 256 bytes; stay well below. */
  private static final int MAX_LINE = 200;
  private static final Pattern STARTING = Pattern.compile("Starting kernel \\.\\.\\.");
  private static final Pattern TRANSFERRED = Pattern.compile("Bytes transferred = (\\d+)");

  private final BoardTargetSpec.Boot boot;
  private final BoardTargetSpec.Network network;
  private final Pattern autoboot;
  private final Pattern prompt;
  private int commands;

  public UBootBootMethod(BoardTargetSpec.Boot boot, BoardTargetSpec.Network network) {
    this.boot = boot;
    this.network = network;
    this.autoboot = Pattern.compile(Pattern.quote(boot.autobootPrompt()));
    this.prompt = Pattern.compile("(?m)^" + Pattern.quote(boot.prompt()));
  }

  @Override
  public void enterBootloader(ConsoleSession c) throws TargetStartException {
    long from = c.powerOnMark();
    long deadline = System.nanoTime() + boot.bootloaderTimeout().toNanos();
    Pattern[] waitFor = Stream.concat(Stream.of(autoboot, prompt), Arrays.stream(UBootErrors.patterns()))
        .toArray(Pattern[]::new);
    while (true) {
      Optional<ConsoleRecorder.Match> m = c.poll(BootStage.BOOTLOADER, from, Duration.ofMillis(200), waitFor);
      if (m.isPresent()) {
        failOnError(c, m.get().text(), "starting U-Boot");
        if (autoboot.matcher(m.get().text()).find()) {
          interruptAutoboot(c, m.get().end(), deadline);
        }
        break;
      }
      if (System.nanoTime() > deadline) {
        throw c.fail(BootStage.BOOTLOADER, c.silentSincePowerOn()
            ? "U-Boot silent: nothing on " + c.console().port() + " within " + Durations.format(boot.bootloaderTimeout())
                + " of power on (is the board powered, the port right, the baud rate " + c.console().baud() + "?)"
            : "U-Boot offered neither its autoboot countdown ('" + boot.autobootPrompt() + "') nor its prompt '"
                + boot.prompt().strip() + "' within " + Durations.format(boot.bootloaderTimeout()) + c.lastLines());
      }
    }
    // A fresh, empty command line: whatever keys were typed into the countdown are dropped.
    long sync = c.mark();
    c.type("\u0003");
    c.expect(BootStage.BOOTLOADER, sync, Duration.ofSeconds(10), "U-Boot prompt after Ctrl-C", prompt);
    c.note("U-Boot prompt reached");
  }

  /** Keys until the prompt shows: one may arrive just as the countdown ends. */
  private void interruptAutoboot(ConsoleSession c, long from, long deadline) throws TargetStartException {
    c.note("stopping U-Boot's autoboot");
    while (true) {
      c.type(" ");
      if (c.poll(BootStage.BOOTLOADER, from, Duration.ofMillis(100), prompt).isPresent()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw c.fail(BootStage.BOOTLOADER, "U-Boot's autoboot could not be stopped: no prompt '"
            + boot.prompt().strip() + "' after the countdown" + c.lastLines());
      }
    }
  }

  @Override
  public void startKernel(ConsoleSession c, BootFiles files, String bootargs) throws TargetStartException {
    for (String cmd : networkCommands()) {
      run(c, cmd, cmd.startsWith("dhcp") ? BootStage.TFTP : BootStage.BOOTLOADER);
    }
    String kernelAddr = BoardTargetSpec.Boot.hex(boot.kernelAddr());
    String initrdAddr = BoardTargetSpec.Boot.hex(boot.initrdAddr());
    load(c, kernelAddr, files.kernel(), files.kernelSize());
    load(c, initrdAddr, files.initrd(), files.initrdSize());
    String fdt = "${fdtcontroladdr}";
    if (files.dtb() != null) {
      fdt = BoardTargetSpec.Boot.hex(boot.fdtAddr());
      load(c, fdt, files.dtb(), -1);
    }
    List<String> setBootargs;
    try {
      setBootargs = bootargsCommands(bootargs);
    } catch (IllegalArgumentException e) {
      throw c.fail(BootStage.BOOTLOADER, e.getMessage());
    }
    for (String cmd : setBootargs) {
      run(c, cmd, BootStage.BOOTLOADER);
    }
    String booti = "booti " + kernelAddr + " " + initrdAddr + ":0x" + Long.toHexString(files.initrdSize()) + " " + fdt;
    long from = c.mark();
    int n = ++commands;
    c.type(booti + "; echo lifelab-status-" + n + "=$?\n");
    Pattern status = Pattern.compile("lifelab-status-" + n + "=(\\d+)");
    ConsoleRecorder.Match m = c.expect(BootStage.KERNEL_START, from, boot.commandTimeout(), "'Starting kernel ...' after '"
        + booti + "'", concat(UBootErrors.patterns(), STARTING, status));
    failOnError(c, m.text(), booti);
    if (status.matcher(m.text()).matches()) {
      throw c.fail(BootStage.KERNEL_START, "'" + booti + "' returned to U-Boot (status " + m.group(status, 1) + ")"
          + c.lastLines());
    }
  }

  /** Commands that give U-Boot its network address and the TFTP server's. */
  List<String> networkCommands() {
    List<String> cmds = new ArrayList<>();
    switch (boot.ipConfig()) {
      case "static" -> {
        cmds.add("setenv ipaddr " + network.ip());
        cmds.add("setenv netmask " + network.netmask());
        if (network.gateway() != null) {
          cmds.add("setenv gatewayip " + network.gateway());
        }
      }
      case "dhcp" -> cmds.add("setenv autoload no; dhcp");
      default -> { }
    }
    cmds.add("setenv serverip " + boot.serverIp());
    // One failed transfer is an answer; U-Boot would otherwise start it again and again.
    cmds.add("setenv netretry no");
    return cmds;
  }

  /** {@code setenv bootargs}, split so that no line overflows U-Boot's command buffer. */
  static List<String> bootargsCommands(String bootargs) {
    if (bootargs.matches(".*[;$'\"\\\\].*")) {
      throw new IllegalArgumentException("kernel arguments must not contain ; $ quotes or backslashes: " + bootargs);
    }
    List<String> cmds = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : bootargs.trim().split("\\s+")) {
      if (line.length() > 0 && line.length() + word.length() + 1 > MAX_LINE - 40) {
        cmds.add(cmds.isEmpty() ? "setenv bootargs " + line : "setenv bootargs ${bootargs} " + line);
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    cmds.add(cmds.isEmpty() ? "setenv bootargs " + line : "setenv bootargs ${bootargs} " + line);
    return cmds;
  }

  private void load(ConsoleSession c, String addr, String file, long expectedSize) throws TargetStartException {
    long start = System.nanoTime();
    String out = run(c, "tftpboot " + addr + " " + file, BootStage.TFTP);
    Matcher m = TRANSFERRED.matcher(out);
    long got = m.find() ? Long.parseLong(m.group(1)) : -1;
    if (expectedSize >= 0 && got != expectedSize) {
      throw c.fail(BootStage.TFTP, "TFTP of " + file + " brought " + got + " of " + expectedSize + " bytes" + c.lastLines());
    }
    c.note("loaded " + file + " (" + got + " bytes) in "
        + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
  }

  /** Runs one command at the prompt; returns its output; fails on a known error or a bad status. */
  private String run(ConsoleSession c, String cmd, BootStage stage) throws TargetStartException {
    if (cmd.length() > MAX_LINE) {
      throw c.fail(stage, "U-Boot command too long for its command line: " + cmd);
    }
    long from = c.mark();
    int n = ++commands;
    c.type(cmd + "; echo lifelab-status-" + n + "=$?\n");
    Pattern status = Pattern.compile("lifelab-status-" + n + "=(\\d+)");
    ConsoleRecorder.Match m = c.expect(stage, from, boot.commandTimeout(), "end of '" + cmd + "'",
        concat(UBootErrors.patterns(), status));
    String out = c.recorder().textSince(from);
    failOnError(c, m.text(), cmd);
    if (!"0".equals(m.group(status, 1))) {
      throw c.fail(stage, "U-Boot command '" + cmd + "' failed (status " + m.group(status, 1) + ")" + c.lastLines());
    }
    return out;
  }

  private static void failOnError(ConsoleSession c, String text, String during) throws TargetStartException {
    Optional<UBootErrors.Found> e = UBootErrors.find(text);
    if (e.isPresent()) {
      throw c.fail(e.get().stage(), e.get().describe() + " (during '" + during + "')");
    }
  }

  @Override
  public List<Pattern> resetSigns() {
    return List.of(Pattern.compile("U-Boot SPL \\S+[^\\r\\n]*"), Pattern.compile("U-Boot \\d{4}\\.\\d{2}[^\\r\\n]*"),
        Pattern.compile("NOTICE:\\s+BL2: [^\\r\\n]*"), autoboot);
  }

  private static Pattern[] concat(Pattern[] a, Pattern... b) {
    return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(Pattern[]::new);
  }
}
