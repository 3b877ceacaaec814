package dev.lifelab.store;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a results store lives: a JDBC URL, the dialect it speaks and, for SQLite, its file.
 *
 * @param url JDBC URL handed to the driver
 * @param dialect SQLite or PostgreSQL
 * @param file the SQLite database file, or null (PostgreSQL, in-memory SQLite)
 */
record StoreLocation(String url, Dialect dialect, Path file) {
  /** Environment variable naming the store when {@code --store} is not given. */
  public static final String ENV = "LIFELAB_STORE";

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

  /** Resolves {@code urlOrPath}, or the environment and default location when it is blank. */
  public static StoreLocation resolve(String urlOrPath) {
    return resolve(urlOrPath, System.getenv());
  }

  static StoreLocation resolve(String urlOrPath, Map<String, String> env) {
    String spec = urlOrPath;
    if (spec == null || spec.isBlank()) {
      spec = env.get(ENV);
    }
    if (spec == null || spec.isBlank()) {
      return sqlite(defaultSqliteFile(env));
    }
    spec = spec.trim();
    if (spec.startsWith("jdbc:postgresql:")) {
      return new StoreLocation(spec, Dialect.POSTGRES, null);
    }
    if (spec.startsWith("jdbc:sqlite:")) {
      String rest = spec.substring("jdbc:sqlite:".length());
      int q = rest.indexOf('?');
      String path = q < 0 ? rest : rest.substring(0, q);
      boolean memory = path.isEmpty() || path.equals(":memory:") || path.startsWith("file:");
      return new StoreLocation(spec, Dialect.SQLITE, memory ? null : Path.of(path));
    }
    if (spec.startsWith("jdbc:")) {
      throw new UserError("unsupported results store '" + spec
          + "': use jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB or a file path");
    }
    return sqlite(Path.of(spec));
  }

  /** {@code ${XDG_DATA_HOME:-~/.local/share}/lifelab/results.db}. */
  public static Path defaultSqliteFile() {
    return defaultSqliteFile(System.getenv());
  }

  static Path defaultSqliteFile(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    // The XDG spec says relative values are to be ignored.
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("lifelab").resolve("results.db");
  }

  private static StoreLocation sqlite(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return new StoreLocation("jdbc:sqlite:" + abs, Dialect.SQLITE, abs);
  }

  /** The URL for messages and logs: passwords masked. */
  public String display() {
    String s = PASSWORD.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(s).replaceAll("$1***@");
  }

  /** Creates the SQLite file's directory, so that the first run on a machine just works. */
  void prepare() {
    if (file == null) {
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UserError("cannot create directory for results store " + file + ": " + e, e);
    }
  }
}
