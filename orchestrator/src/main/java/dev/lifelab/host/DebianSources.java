package dev.lifelab.host;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian source packages, unpacked with Debian's patches applied: apt fetches them (checked
 * against the archive's signed indexes) and dpkg-source unpacks them. Cached per version.
 */
public final class DebianSources {
  private static final Logger log = LoggerFactory.getLogger(DebianSources.class);
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(5);
  private static final String HINT = " (scripts/setup-host.sh enables the source indexes of the host's Debian archives)";

  private DebianSources() {}

  /** A source package's version and the directory of its unpacked, patched tree. */
  public record Source(String name, String version, Path tree) {}

  /** The source package {@code name} at the version apt would fetch now. */
  public static Source unpacked(String name) {
    String version = candidateVersion(name);
    Path dir = Cache.dir("sources").resolve(name + "_" + version);
    Path tree = dir.resolve("tree");
    if (Files.isDirectory(tree)) {
      return new Source(name, version, tree);
    }
    log.info("downloading Debian source package {} {}", name, version);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(Cache.dir("sources"), ".dl-");
      // apt-get drops privileges to _apt for downloads, which must be able to write here.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
      Commands.Output o = Commands.run(List.of("apt-get", "source", "--download-only", "-q", name),
          tmp, APT_TIMEOUT);
      Path dsc = tmp.resolve(name + "_" + version + ".dsc");
      if (!o.ok() || !Files.exists(dsc)) {
        throw new UserError("cannot download Debian source package " + name + " " + version + ": "
            + Commands.tail(o.stderr() + o.stdout(), 3) + HINT);
      }
      // Only apt's download needed other users to write here; the tree is built into the guest.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Commands.Output x = Commands.run(List.of("dpkg-source", "-x", dsc.toString(), "tree"), tmp, APT_TIMEOUT);
      if (!x.ok()) {
        throw new UserError("cannot unpack Debian source package " + dsc.getFileName() + ": "
            + Commands.tail(x.stderr() + x.stdout(), 5));
      }
      try (Stream<Path> files = Files.list(tmp)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          Files.delete(p);
        }
      }
      Files.createDirectories(dir.getParent());
      DebianArchive.moveIntoPlace(tmp, dir);
      tmp = null;
      return new Source(name, version, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack source package " + name, e);
    } finally {
      if (tmp != null) {
        DebianArchive.deleteTree(tmp);
      }
    }
  }

  private static final Pattern DSC_URI = Pattern.compile("'[^']+' \\S+?_(\\S+)\\.dsc ");

  /** The version {@code apt-get source} picks, read from the .dsc it would fetch. */
  static String candidateVersion(String name) {
    Commands.Output o = Commands.run(List.of("apt-get", "source", "--print-uris", "-q", name), null, APT_TIMEOUT);
    Matcher m = DSC_URI.matcher(o.stdout());
    if (!o.ok() || !m.find()) {
      throw new UserError("no Debian source package " + name + ": "
          + Commands.tail(o.stderr() + o.stdout(), 3) + HINT);
    }
    return m.group(1);
  }
}
