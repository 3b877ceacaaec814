package dev.lifelab.kernel.build;

import dev.lifelab.common.Json;
import dev.lifelab.kernel.KernelImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Layout of built kernels in lifelab's cache: {@code kernels/build/<key>} holds the image, its
 * .config, System.map, {@code modules/lib/modules/<release>}, the build log and
 * {@code kernel.json}; {@code kernels/src} holds extracted source tarballs.
 */
public final class BuildCache {
  /** Bumped when the way kernels are built changes, so old entries are not reused. */
  static final String RECIPE = "kbuild-1";

  static final String INFO = "kernel.json";

  /**
   * What {@code kernel.json} records: the KernelImage fields, with paths relative to the entry
   * so the cache can move.
   */
  public record Entry(String arch, String release, String image, String modulesDir, String config,
      String source, String configHash, List<String> fragments, String key, Instant builtAt,
      long buildSeconds) {

    KernelImage toImage(Path dir, String spec) {
      return new KernelImage(spec, arch, release, dir.resolve(image),
          modulesDir == null ? null : dir.resolve(modulesDir), dir.resolve(config), source,
          configHash);
    }
  }

  private final Path root;

  public BuildCache(Path root) {
    this.root = root;
  }

  /** {@code $LIFELAB_CACHE}, else {@code $XDG_CACHE_HOME/lifelab}, else {@code ~/.cache/lifelab}. */
  public static Path defaultRoot() {
    String env = System.getenv("LIFELAB_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "lifelab");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "lifelab");
  }

  Path buildDir() {
    return root.resolve("kernels").resolve("build");
  }

  Path srcDir() {
    return root.resolve("kernels").resolve("src");
  }

  /**
   * The entry name: readable prefix plus a hash of everything that changes the result (source
   * identity, architecture, fragment contents, compiler, recipe).
   */
  static String key(String version, String arch, String sourceIdentity, String fragmentHash,
      String compiler) {
    String all = String.join("\n", RECIPE, arch, sourceIdentity, fragmentHash,
        compiler == null ? "" : compiler);
    return version + "-" + arch + "-" + SourceProvider.sha256(all).substring(0, 16);
  }

  /** The cached entry for {@code key}, or null if there is none (or it is unreadable). */
  Entry lookup(String key) {
    Path info = buildDir().resolve(key).resolve(INFO);
    if (!Files.isRegularFile(info)) {
      return null;
    }
    Entry e = Json.read(info, Entry.class);
    Path dir = buildDir().resolve(key);
    return Files.isRegularFile(dir.resolve(e.image())) ? e : null;
  }
}
