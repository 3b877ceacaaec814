package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where kernel source comes from: a Debian linux-source package or a local kernel tree. */
public sealed interface KernelSource {
  String PREFIX = "debian-src:";

  /** {@code debian-src:6.1}: package {@code linux-source-6.1}, tarball in /usr/src. */
  record Debian(String series) implements KernelSource {
    private static final Pattern SERIES = Pattern.compile("\\d+\\.\\d+");

    public Debian {
      if (!SERIES.matcher(series).matches()) {
        throw new UserError("bad Debian kernel series '" + series + "', expected e.g. "
            + PREFIX + "6.1");
      }
    }

    public String packageName() {
      return "linux-source-" + series;
    }

    public Path tarball() {
      return Path.of("/usr/src", packageName() + ".tar.xz");
    }

    @Override
    public String toString() {
      return PREFIX + series;
    }
  }

  /** A developer's kernel tree (usually a git checkout), built out of tree. */
  record Local(Path dir) implements KernelSource {
    @Override
    public String toString() {
      return dir.toString();
    }
  }

  /** Parses {@code debian-src:SERIES} or a directory path. */
  static KernelSource parse(String text) {
    if (text.startsWith(PREFIX)) {
      return new Debian(text.substring(PREFIX.length()));
    }
    Path p = Path.of(text).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new UserError("kernel source '" + text + "' is neither " + PREFIX
          + "SERIES nor a directory");
    }
    if (!Files.isRegularFile(p.resolve("Kconfig")) || !Files.isRegularFile(p.resolve("Makefile"))) {
      throw new UserError(p + " does not look like a kernel tree (no Kconfig/Makefile at its top)");
    }
    return new Local(p);
  }
}
