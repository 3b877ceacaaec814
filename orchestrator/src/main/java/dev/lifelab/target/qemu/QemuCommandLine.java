package dev.lifelab.target.qemu;

import dev.lifelab.common.UserError;
import dev.lifelab.image.GuestImage;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.kernel.UncompressedKernel;
import dev.lifelab.target.DeviceSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The QEMU command line of one boot of a {@link QemuTargetSpec}. */
final class QemuCommandLine {
  private static final Pattern SCRATCH = Pattern.compile("\\{scratch:([A-Za-z0-9._-]+):(\\d+)([KMG])\\}");

  private QemuCommandLine() {}

  /**
   * @param workDir per-boot directory for the QMP socket and scratch files (short path: unix
   *     socket paths are limited to 108 bytes)
   */
  static List<String> build(QemuTargetSpec spec, KernelImage kernel, GuestImage image, int sshPort,
      Path workDir, String extraKernelArgs) {
    List<String> a = new ArrayList<>();
    a.add(spec.binary());
    a.addAll(List.of("-M", spec.machine()));
    if (spec.cpu() != null) {
      a.addAll(List.of("-cpu", spec.cpu()));
    }
    a.addAll(List.of("-m", spec.memory(), "-smp", String.valueOf(spec.smp())));
    // No default devices: the target file says what the machine has.
    a.addAll(List.of("-nodefaults", "-no-reboot", "-display", "none", "-monitor", "none"));
    a.addAll(List.of("-serial", "stdio"));
    a.addAll(List.of("-qmp", "unix:" + workDir.resolve("qmp.sock") + ",server=on,wait=off"));
    Path bootImage = spec.directBoot() ? UncompressedKernel.of(kernel).orElse(kernel.image()) : kernel.image();
    a.addAll(List.of("-kernel", bootImage.toString(), "-initrd", image.initrd().toString()));
    String append = (spec.kernelArgs() + " " + (extraKernelArgs == null ? "" : extraKernelArgs)).trim();
    a.addAll(List.of("-append", append));
    a.addAll(List.of("-netdev", "user,id=lifelab-ssh,hostfwd=tcp:127.0.0.1:" + sshPort + "-:22",
        "-device", spec.nic() + ",netdev=lifelab-ssh"));
    for (DeviceSpec d : spec.devices()) {
      for (String arg : d.qemu()) {
        a.add(scratch(arg, workDir));
      }
    }
    for (String arg : spec.extraArgs()) {
      a.add(scratch(arg, workDir));
    }
    return a;
  }

  /**
   * {@code cmd} run under {@code nice -n VALUE} when {@code value} (LIFELAB_QEMU_NICE) gives one.
   * Under emulation the guest runs only while QEMU has a CPU; on a host shared with other work,
   * a negative value (root only) brought arm64 guests to SSH ~145 ms sooner (README).
   */
  static List<String> withNice(List<String> cmd, String value) {
    if (value == null || value.isBlank()) {
      return cmd;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      n = Integer.MAX_VALUE;
    }
    if (n < -20 || n > 19) {
      throw new UserError("LIFELAB_QEMU_NICE=" + value + ": not a niceness (-20 to 19)");
    }
    List<String> a = new ArrayList<>(List.of("nice", "-n", String.valueOf(n)));
    a.addAll(cmd);
    return a;
  }

  /** Replaces {@code {scratch:NAME:SIZE}} with a sparse zero file of that size. */
  private static String scratch(String arg, Path workDir) {
    Matcher m = SCRATCH.matcher(arg);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      long size = Long.parseLong(m.group(2)) << switch (m.group(3)) {
        case "K" -> 10;
        case "M" -> 20;
        default -> 30;
      };
      Path file = workDir.resolve(m.group(1));
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.setLength(size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create scratch file " + file, e);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(file.toString()));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
