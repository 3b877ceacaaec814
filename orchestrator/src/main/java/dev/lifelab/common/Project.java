package dev.lifelab.common;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lifelab checkout that holds {@code targets/}, {@code testplans/} and {@code qemu/}: from
 * the system property {@code lifelab.root}, the launcher's {@code LIFELAB_HOME}, or the current
 * directory and its parents.
 */
public final class Project {
  private Project() {}

  public static Path home() {
    String prop = System.getProperty("lifelab.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    String env = System.getenv("LIFELAB_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("qemu")) && Files.isDirectory(p.resolve("targets"))) {
        return p;
      }
    }
    throw new UserError("cannot find the lifelab directory (with targets/ and qemu/): "
        + "run from inside it or set LIFELAB_HOME");
  }

  /** A named file in a project directory, or the argument itself when it is a path. */
  public static Path named(String dir, String nameOrPath, String extension) {
    Path direct = Path.of(nameOrPath);
    if (nameOrPath.contains("/") || nameOrPath.endsWith(extension)) {
      return direct;
    }
    return home().resolve(dir).resolve(nameOrPath + extension);
  }
}
