package dev.lifelab.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where long steps (kernel downloads, builds, guest images) keep their results between runs:
 * {@code $LIFELAB_CACHE}, else {@code $XDG_CACHE_HOME/lifelab}, else {@code ~/.cache/lifelab}.
 */
public final class Cache {
  private Cache() {}

  public static Path root() {
    String explicit = System.getenv("LIFELAB_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lifelab").toAbsolutePath();
  }

  /** A sub-directory of the cache, created if needed. */
  public static Path dir(String... parts) {
    Path p = root();
    for (String part : parts) {
      p = p.resolve(part);
    }
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cache directory " + p, e);
    }
  }
}
