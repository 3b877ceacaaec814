package dev.lifelab.host;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian packages as files: finds versions with apt-cache, downloads with apt-get and unpacks
 * with dpkg-deb into the cache ({@code debs/NAME_VERSION/root}), once per package version.
 */
public final class DebianArchive {
  private static final Logger log = LoggerFactory.getLogger(DebianArchive.class);
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

  private DebianArchive() {}

  /**
   * An apt command ({@code apt-cache}, {@code apt-get}) that keeps apt's binary package cache in
   * lifelab's cache. Debian's container and cloud images turn that cache off
   * (Dir::Cache::pkgcache ""), and apt then parses every package list again on each call:
   * 0.7-1.6 s, twice per Debian kernel named by series. apt checks the file against the lists
   * itself and rebuilds it after apt-get update. The list is new: callers may add to it.
   */
  static List<String> apt(String program, String... args) {
    List<String> cmd = new ArrayList<>(List.of(program,
        "-o", "Dir::Cache::pkgcache=" + Cache.dir("apt").resolve("pkgcache.bin")));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Names of known packages starting with {@code prefix} and matching {@code pattern}. */
  public static List<String> packageNames(String prefix, Pattern pattern) {
    String out = Commands.check(apt("apt-cache", "pkgnames", prefix), null, APT_TIMEOUT);
    List<String> names = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (pattern.matcher(line.trim()).matches()) {
        names.add(line.trim());
      }
    }
    return names;
  }

  /** The version apt would install, or null when apt does not know the package. */
  public static String candidateVersion(String pkg) {
    return candidateVersions(List.of(pkg)).get(pkg);
  }

  /** Candidate versions of several packages, in one apt-cache call. */
  public static java.util.Map<String, String> candidateVersions(List<String> pkgs) {
    List<String> cmd = apt("apt-cache", "policy");
    cmd.addAll(pkgs);
    Commands.Output o = Commands.run(cmd, null, APT_TIMEOUT);
    java.util.Map<String, String> versions = new java.util.HashMap<>();
    String current = null;
    for (String line : o.stdout().split("\n")) {
      if (!line.startsWith(" ") && line.endsWith(":")) {
        String name = line.substring(0, line.length() - 1);
        // apt-cache adds or drops the ":arch" suffix depending on the host's native architecture.
        String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        current = pkgs.contains(name) ? name
            : pkgs.stream().filter(p -> p.equals(base) || p.startsWith(base + ":")).findFirst().orElse(name);
      } else if (current != null && line.trim().startsWith("Candidate:")) {
        String v = line.trim().substring("Candidate:".length()).trim();
        if (!v.equals("(none)")) {
          versions.put(current, v);
        }
      }
    }
    return versions;
  }

  /** Every version apt knows for a package (newest first as apt-cache lists them). */
  public static List<String> versions(String pkg) {
    Commands.Output o = Commands.run(apt("apt-cache", "madison", pkg), null, APT_TIMEOUT);
    List<String> versions = new ArrayList<>();
    for (String line : o.stdout().split("\n")) {
      String[] cols = line.split("\\|");
      if (cols.length >= 2 && !versions.contains(cols[1].trim())) {
        versions.add(cols[1].trim());
      }
    }
    return versions;
  }

  /**
   * The unpacked root of {@code pkg} at {@code version}, downloading it on first use.
   *
   * @param pkg package name, with {@code :arch} for a foreign architecture
   */
  public static Path unpacked(String pkg, String version) {
    String key = (pkg + "_" + version).replace(':', '_').replace('/', '_');
    Path dir = Cache.dir("debs").resolve(key);
    Path root = dir.resolve("root");
    if (Files.isDirectory(root)) {
      return root;
    }
    log.info("downloading Debian package {} {}", pkg, version);
    downloadInto(dir, "package " + pkg, apt("apt-get", "download", "-q", pkg + "=" + version), APT_TIMEOUT,
        (tmp, download) -> {
          Path deb;
          try (Stream<Path> s = Files.list(tmp)) {
            deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst().orElse(null);
          }
          if (!download.ok() || deb == null) {
            throw new UserError("cannot download Debian package " + pkg + " " + version + ": "
                + Commands.tail(download.stderr() + download.stdout(), 3) + hint(pkg));
          }
          Commands.check(List.of("dpkg-deb", "-x", deb.toString(), tmp.resolve("root").toString()), tmp, APT_TIMEOUT);
          Files.delete(deb);
        });
    return root;
  }

  /** Checks apt's download in the temporary directory and unpacks it there. */
  interface Unpacker {
    void unpack(Path tmp, Commands.Output download) throws IOException;
  }

  /**
   * Runs {@code aptCommand} in a new directory beside {@code dir}, lets {@code unpacker} make the
   * directory's content from the download, and moves the result into place as {@code dir}.
   */
  static void downloadInto(Path dir, String what, List<String> aptCommand, Duration timeout, Unpacker unpacker) {
    Path tmp = null;
    try {
      Files.createDirectories(dir.getParent());
      tmp = Files.createTempDirectory(dir.getParent(), ".dl-");
      // apt-get drops privileges to _apt for downloads, which must be able to write here; only
      // for the download: what stays in the cache is built into guests.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
      Commands.Output download = Commands.run(aptCommand, tmp, timeout);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      unpacker.unpack(tmp, download);
      moveIntoPlace(tmp, dir);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + what, e);
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  private static String hint(String pkg) {
    if (pkg.endsWith(":arm64") || pkg.contains("-arm64")) {
      return " (for arm64 packages run: dpkg --add-architecture arm64 && apt-get update)";
    }
    return " (try: apt-get update)";
  }

  /** Renames a finished directory into the cache; if another process won the race, keeps theirs. */
  public static void moveIntoPlace(Path finished, Path target) throws IOException {
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      deleteTree(finished);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cache must be on one file system: " + target, e);
    }
  }

  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException ignored) {
          // Best effort: a leftover temp file does no harm.
        }
      });
    } catch (IOException ignored) {
      // Same.
    }
  }
}
