package dev.lifelab.host;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * The unpacked tree of source package {@code name} at {@code version} (as given by
   * {@link #candidateVersion}), downloading it on first use.
   */
  public static Path unpacked(String name, String version) {
    Path dir = Cache.dir("sources").resolve(name + "_" + version);
    Path tree = dir.resolve("tree");
    if (Files.isDirectory(tree)) {
      return tree;
    }
    log.info("downloading Debian source package {} {}", name, version);
    DebianArchive.downloadInto(dir, "source package " + name,
        DebianArchive.apt("apt-get", "source", "--download-only", "-q", name), APT_TIMEOUT, (tmp, download) -> {
          Path dsc = tmp.resolve(name + "_" + version + ".dsc");
          if (!download.ok() || !Files.exists(dsc)) {
            throw new UserError("cannot download Debian source package " + name + " " + version + ": "
                + Commands.tail(download.stderr() + download.stdout(), 3) + HINT);
          }
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
        });
    return tree;
  }

  private static final Pattern DSC_URI = Pattern.compile("'[^']+' \\S+?_(\\S+)\\.dsc ");

  /** The version {@code apt-get source} picks, read from the .dsc it would fetch. */
  public static String candidateVersion(String name) {
    Commands.Output o =
        Commands.run(DebianArchive.apt("apt-get", "source", "--print-uris", "-q", name), null, APT_TIMEOUT);
    Matcher m = DSC_URI.matcher(o.stdout());
    if (!o.ok() || !m.find()) {
      throw new UserError("no Debian source package " + name + ": "
          + Commands.tail(o.stderr() + o.stdout(), 3) + HINT);
    }
    return m.group(1);
  }
}
