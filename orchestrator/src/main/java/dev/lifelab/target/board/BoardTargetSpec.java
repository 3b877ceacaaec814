package dev.lifelab.target.board;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import dev.lifelab.kernel.Arch;
import dev.lifelab.power.PowerSpec;
import dev.lifelab.target.DeviceSpec;
import dev.lifelab.target.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A board described in {@code targets/*.yaml} with {@code kind: board}: reached over a serial
 * console, switched by a power driver, booted by U-Boot from TFTP, then driven over SSH.
 *
 * @param machine SoC and board, e.g. {@code r8a77951-salvator-xs} (recorded with results)
 * @param console the kernel's name of the serial console, e.g. {@code ttySC0}
 * @param serial where the host reaches that console
 * @param power how the board is switched on and off
 * @param boot how the kernel gets onto the board
 * @param network how the guest is addressed and reached over SSH
 */
public record BoardTargetSpec(
    String name,
    String description,
    Arch arch,
    String machine,
    String console,
    Serial serial,
    PowerSpec power,
    Boot boot,
    Network network,
    List<DeviceSpec> devices,
    List<String> infrastructure)
    implements TargetSpec {

  private static final String IPV4 = "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})";

  @JsonCreator
  public BoardTargetSpec {
    devices = devices == null ? List.of() : List.copyOf(devices);
    infrastructure = infrastructure == null ? List.of() : List.copyOf(infrastructure);
  }

  /**
   * @param port device on the host ({@code /dev/ttyUSB0}, {@code /dev/serial/by-id/...}, a pty link)
   * @param baud 115200 on R-Car Gen3 boards, 921600 on Gen4 White Hawk and Gray Hawk
   * @param reconnectTimeout how long the port may be gone (adapter re-enumerating, or powered by
   *     the board) before the boot gives up
   */
  public record Serial(String port, Integer baud, Duration reconnectTimeout) implements Checked {
    private static final Set<Integer> RATES = Set.of(9600, 19200, 38400, 57600, 115200, 230400, 460800,
        500000, 576000, 921600, 1000000, 1500000, 2000000, 3000000);

    @JsonCreator
    public Serial {
      baud = baud == null ? 115200 : baud;
      reconnectTimeout = reconnectTimeout == null ? Duration.ofSeconds(10) : reconnectTimeout;
    }

    @Override
    public void check(Checks c) {
      c.require(port != null && port.startsWith("/"), "port", "is required: an absolute path like /dev/ttyUSB0")
          .require(RATES.contains(baud), "baud", "must be a standard rate such as 115200 or 921600");
    }
  }

  /**
   * @param method {@code uboot}
   * @param tftpRoot the directory the lab's TFTP server serves; runs go to {@code lifelab/RUN/}
   * @param serverIp the TFTP server's address as U-Boot sees it
   * @param ipConfig {@code static} (U-Boot uses the board's address), {@code dhcp}, or {@code env}
   *     (the addresses saved in U-Boot's environment)
   * @param kernelAddr load address of the kernel Image
   * @param fdtAddr load address of the dtb (unused with {@code dtb: firmware})
   * @param initrdAddr load address of lifelab's initramfs
   * @param dtb dtb file of the kernel build ({@code renesas/r8a77951-salvator-xs.dtb}), an
   *     absolute path, or {@code firmware} for the device tree U-Boot runs with ({@code ${fdtcontroladdr}})
   * @param kernelArgs kernel arguments beyond console, panic=-1, quiet and lifelab's network
   * @param prompt U-Boot's prompt
   * @param autobootPrompt what U-Boot prints while it counts down to autoboot
   * @param characterDelay pause between typed characters, for consoles that drop input
   * @param bootloaderTimeout from power on to U-Boot's prompt
   * @param commandTimeout limit of one U-Boot command (a TFTP load of the kernel above all)
   * @param bootTimeout from {@code booti} to SSH answering
   */
  public record Boot(String method, Path tftpRoot, String serverIp, String ipConfig, String kernelAddr,
      String fdtAddr, String initrdAddr, String dtb, String kernelArgs, String prompt, String autobootPrompt,
      Duration characterDelay, Duration bootloaderTimeout, Duration commandTimeout, Duration bootTimeout)
      implements Checked {
    public static final String FIRMWARE_DTB = "firmware";

    @JsonCreator
    public Boot {
      method = method == null ? "uboot" : method;
      ipConfig = ipConfig == null ? "static" : ipConfig;
      kernelArgs = kernelArgs == null ? "" : kernelArgs;
      prompt = prompt == null ? "=> " : prompt;
      autobootPrompt = autobootPrompt == null ? "Hit any key to stop autoboot" : autobootPrompt;
      characterDelay = characterDelay == null ? Duration.ZERO : characterDelay;
      bootloaderTimeout = bootloaderTimeout == null ? Duration.ofSeconds(60) : bootloaderTimeout;
      commandTimeout = commandTimeout == null ? Duration.ofSeconds(120) : commandTimeout;
      bootTimeout = bootTimeout == null ? Duration.ofSeconds(180) : bootTimeout;
    }

    @Override
    public void check(Checks c) {
      c.require(method.equals("uboot"), "method", "must be uboot (the only boot method so far)")
          .require(tftpRoot != null && tftpRoot.isAbsolute(), "tftp-root",
              "is required: the absolute path of the directory the TFTP server serves")
          .require(serverIp != null && serverIp.matches(IPV4), "server-ip",
              "is required: the TFTP server's IPv4 address as the board sees it")
          .require(Set.of("static", "dhcp", "env").contains(ipConfig), "ip-config", "must be static, dhcp or env")
          .require(isAddress(kernelAddr), "kernel-addr", ADDRESS_RULE)
          .require(isAddress(initrdAddr), "initrd-addr", ADDRESS_RULE)
          .require(dtb != null && !dtb.isBlank(), "dtb",
              "is required: a dtb of the kernel build (renesas/NAME.dtb), a path, or 'firmware'")
          .require(FIRMWARE_DTB.equals(dtb) || isAddress(fdtAddr), "fdt-addr", ADDRESS_RULE + " (needed with a dtb file)")
          .require(!kernelArgs.matches(".*[;$'\"\\\\].*"), "kernel-args",
              "must not contain ; $ quotes or backslashes (U-Boot's shell would interpret them)")
          .require(!prompt.isEmpty(), "prompt", "must not be empty")
          .require(!characterDelay.isNegative(), "character-delay", "must not be negative")
          .require(!bootloaderTimeout.isZero(), "bootloader-timeout", "must be positive");
    }

    /** A load address as U-Boot reads it: hex, whatever way the file wrote it. */
    public static String hex(String address) {
      return "0x" + Long.toHexString(parseAddress(address));
    }
  }

  private static final String ADDRESS_RULE = "must be a 4 KiB aligned address written in hex, like 0x48080000";

  static boolean isAddress(String a) {
    try {
      long v = parseAddress(a);
      return v > 0 && v % 4096 == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** YAML reads an unquoted 0x48080000 as a number, which arrives here in decimal. */
  static long parseAddress(String a) {
    return a.startsWith("0x") || a.startsWith("0X") ? Long.parseLong(a.substring(2), 16) : Long.parseLong(a);
  }

  /**
   * @param address the board's IPv4 address and prefix, e.g. {@code 192.168.10.50/24}
   * @param gateway default gateway, or null
   * @param ssh where the host reaches the board's SSH server ({@code host} or {@code host:port});
   *     defaults to the address, port 22
   * @param nic the interface the guest configures (default: the first one found)
   * @param modules kernel modules of that NIC, loaded before the SSH server starts
   */
  public record Network(String address, String gateway, String ssh, String nic, List<String> modules)
      implements Checked {
    @JsonCreator
    public Network {
      modules = modules == null ? List.of() : List.copyOf(modules);
    }

    @Override
    public void check(Checks c) {
      c.require(address != null && address.matches(IPV4 + "/(\\d|[12]\\d|3[0-2])"), "address",
              "is required: the board's IPv4 address with prefix, like 192.168.10.50/24")
          .require(gateway == null || gateway.matches(IPV4), "gateway", "must be an IPv4 address")
          .require(ssh == null || ssh.matches("[A-Za-z0-9.-]+(:\\d{1,5})?"), "ssh", "must be HOST or HOST:PORT")
          .require(nic == null || nic.matches("[A-Za-z0-9_.-]+"), "nic", "must be an interface name like eth0");
    }

    public String ip() {
      return address.substring(0, address.indexOf('/'));
    }

    public int prefix() {
      return Integer.parseInt(address.substring(address.indexOf('/') + 1));
    }

    /** The dotted netmask of the prefix, for U-Boot. */
    public String netmask() {
      long mask = prefix() == 0 ? 0 : (0xffffffffL << (32 - prefix())) & 0xffffffffL;
      return (mask >> 24) + "." + ((mask >> 16) & 255) + "." + ((mask >> 8) & 255) + "." + (mask & 255);
    }

    public String sshHost() {
      return ssh == null ? ip() : ssh.replaceFirst(":\\d+$", "");
    }

    public int sshPort() {
      return ssh != null && ssh.matches(".*:\\d+") ? Integer.parseInt(ssh.substring(ssh.lastIndexOf(':') + 1)) : 22;
    }
  }

  @Override
  public String kind() {
    return "board";
  }

  @Override
  public void check(Checks c) {
    c.require(arch != null, "arch", "is required (arm64)")
        .require(console != null && console.matches("tty\\w+"), "console", "must be the kernel's tty name, like ttySC0")
        .require(serial != null, "serial", "is required: port and baud rate of the console")
        .require(power != null, "power", "is required: driver command, manual or qmp")
        .require(boot != null, "boot", "is required: how U-Boot loads the kernel")
        .require(network != null, "network", "is required: the board's address")
        .nested("serial", serial)
        .nested("power", power)
        .nested("boot", boot)
        .nested("network", network)
        .each("devices", devices);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      c.require(names.add(devices.get(i).name()), "devices[" + i + "].name",
          "'" + devices.get(i).name() + "' is used twice");
      c.require(devices.get(i).qemu().isEmpty(), "devices[" + i + "].qemu",
          "a board's devices are hardware: QEMU arguments do not apply");
    }
    for (int i = 0; i < infrastructure.size(); i++) {
      c.require(infrastructure.get(i).startsWith("/sys/"), "infrastructure[" + i + "]", "must be a sysfs path");
    }
  }

  @Override
  public List<String> bootModules() {
    List<String> all = new ArrayList<>(network.modules());
    for (DeviceSpec d : devices) {
      d.modules().stream().filter(m -> !all.contains(m)).forEach(all::add);
    }
    return all;
  }
}
