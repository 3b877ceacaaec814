package dev.lifelab.image;

import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.Arch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Compiles the recipe's C programs for the guest: static, so that they start without the dynamic
 * loader (each library mapped costs milliseconds under emulation), with the cross compiler that
 * also builds the guest's kernels.
 */
final class GuestPrograms {
  private GuestPrograms() {}

  /** The stripped executable of {@code source}, built in {@code workDir}. */
  static byte[] compile(Path source, Arch arch, Path workDir) {
    String name = source.getFileName().toString().replaceFirst("\\.c$", "");
    Path out = workDir.resolve(name + "." + arch.debianName());
    Commands.Output o = Commands.run(List.of(arch.gcc(), "-static", "-Os", "-s", "-Wall", "-Werror",
        "-o", out.toString(), source.toString()), workDir, Duration.ofMinutes(2));
    if (!o.ok()) {
      throw new UserError(source + ": does not compile for " + arch.debianName() + " with " + arch.gcc()
          + " (static C library: scripts/setup-host.sh installs it):\n" + Commands.tail(o.stderr(), 20));
    }
    try {
      byte[] bytes = Files.readAllBytes(out);
      Files.delete(out);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
