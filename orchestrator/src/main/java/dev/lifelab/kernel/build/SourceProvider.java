package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes a kernel source tree ready to build from, and says what it is. */
final class SourceProvider {

  /**
   * A tree ready for {@code make -C tree O=...}.
   *
   * @param tree the kernel source directory (never written to by the build)
   * @param version upstream version from its Makefile, e.g. {@code 6.1.192}
   * @param description for humans and results, e.g. {@code linux-source-6.1 6.1.192}
   * @param identity what the cache key uses: changes whenever the source does, or null when that
   *     cannot be known (a local tree outside git), which disables the cache
   */
  record Prepared(Path tree, String version, String description, String identity) {}

  private static final Duration SHORT = Duration.ofMinutes(1);

  private final Path srcCache;
  private final BuildListener listener;

  SourceProvider(Path srcCache, BuildListener listener) {
    this.srcCache = srcCache;
    this.listener = listener;
  }

  Prepared prepare(KernelSource source, Path logFile) {
    if (source instanceof KernelSource.Debian d) {
      return prepareDebian(d, logFile);
    }
    return prepareLocal((KernelSource.Local) source);
  }

  private Prepared prepareDebian(KernelSource.Debian d, Path logFile) {
    String pkgVersion = installedVersion(d.packageName());
    if (pkgVersion == null || !Files.isRegularFile(d.tarball())) {
      install(d.packageName(), logFile);
      pkgVersion = installedVersion(d.packageName());
      if (pkgVersion == null || !Files.isRegularFile(d.tarball())) {
        throw new UserError(d.packageName() + " installed but " + d.tarball() + " is missing");
      }
    }
    // The package version (with the Debian revision) names the extracted tree: an update of the
    // package must not reuse an older extraction.
    Path dest = srcCache.resolve(d.packageName() + "_" + pkgVersion.replace(':', '_'));
    Path tree = dest.resolve(d.packageName());
    if (!Files.isRegularFile(tree.resolve("Makefile"))) {
      AtomicDirs.create(dest, tmp -> {
        listener.stage("extract source", d.tarball() + " -> " + dest);
        new ProcessRunner(logFile, listener).runChecked("extract source", tmp, Map.of(),
            Duration.ofMinutes(30), List.of("tar", "-xf", d.tarball().toString()));
        if (!Files.isRegularFile(tmp.resolve(d.packageName()).resolve("Makefile"))) {
          throw new UserError(d.tarball() + " has no " + d.packageName() + "/Makefile");
        }
      });
    } else {
      listener.stage("source", "reusing extracted " + tree);
    }
    String version = makefileVersion(tree);
    return new Prepared(tree, version, d.packageName() + " " + version,
        "debian " + d.packageName() + " " + pkgVersion);
  }

  private void install(String pkg, Path logFile) {
    listener.stage("install source package", pkg);
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new UserError(pkg + " is not installed; run: sudo apt-get install " + pkg);
    }
    ProcessRunner r = new ProcessRunner(logFile, listener);
    Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
    List<String> cmd = List.of("apt-get", "install", "-y", "-q", pkg);
    if (r.run("apt-get install", Path.of("/"), env, Duration.ofMinutes(20), cmd).exitCode() != 0) {
      // a fresh machine may not have package lists yet
      r.runChecked("apt-get update", Path.of("/"), env, Duration.ofMinutes(10),
          List.of("apt-get", "update", "-q"));
      r.runChecked("apt-get install", Path.of("/"), env, Duration.ofMinutes(20), cmd);
    }
  }

  static String installedVersion(String pkg) {
    String v = ProcessRunner.capture(null, SHORT, "dpkg-query", "-W", "-f=${Status}|${Version}", pkg);
    if (v == null || !v.startsWith("install ok installed|")) {
      return null;
    }
    return v.substring(v.indexOf('|') + 1);
  }

  private Prepared prepareLocal(KernelSource.Local l) {
    Path tree = l.dir();
    // An in-tree configuration makes out-of-tree builds refuse to run (kbuild's own check);
    // say so before spending time.
    if (Files.exists(tree.resolve(".config")) || Files.isDirectory(tree.resolve("include/config"))) {
      throw new UserError(tree + " has an in-tree build (.config or include/config); lifelab "
          + "builds with O= and leaves the tree alone, so run 'make mrproper' there first");
    }
    String version = makefileVersion(tree);
    String describe = ProcessRunner.capture(tree, SHORT, "git", "describe", "--always", "--tags",
        "--dirty");
    if (describe == null) {
      listener.stage("source", tree + " is not a git checkout: it is rebuilt every time");
      return new Prepared(tree, version, "local " + tree + " " + version, null);
    }
    String head = ProcessRunner.capture(tree, SHORT, "git", "rev-parse", "HEAD");
    String identity = "git " + head;
    if (describe.endsWith("-dirty") || hasUntracked(tree)) {
      // Uncommitted changes are part of what gets built, so they are part of the key.
      String diff = ProcessRunner.capture(tree, Duration.ofMinutes(2), "git", "diff", "HEAD");
      String untracked = ProcessRunner.capture(tree, SHORT, "git", "status", "--porcelain");
      identity += " changes " + sha256((diff == null ? "" : diff) + "\0"
          + (untracked == null ? "" : untracked));
    }
    return new Prepared(tree, version, "git " + describe, identity);
  }

  private static boolean hasUntracked(Path tree) {
    String s = ProcessRunner.capture(tree, SHORT, "git", "status", "--porcelain",
        "--untracked-files=normal");
    return s != null && !s.isEmpty();
  }

  private static final Pattern MK_VAR =
      Pattern.compile("^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\\s*=\\s*(\\S*)\\s*$");

  /** VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION] from the top Makefile, like make kernelversion. */
  static String makefileVersion(Path tree) {
    Map<String, String> v = new java.util.HashMap<>();
    try {
      for (String line : Files.readAllLines(tree.resolve("Makefile"))) {
        Matcher m = MK_VAR.matcher(line);
        if (m.matches() && !v.containsKey(m.group(1))) {
          v.put(m.group(1), m.group(2));
        }
        if (v.size() == 4) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read " + tree.resolve("Makefile") + ": " + e.getMessage(), e);
    }
    String sub = v.getOrDefault("SUBLEVEL", "");
    return v.getOrDefault("VERSION", "?") + "." + v.getOrDefault("PATCHLEVEL", "?")
        + (sub.isEmpty() ? "" : "." + sub) + v.getOrDefault("EXTRAVERSION", "");
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
