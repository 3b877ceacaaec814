package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Config fragments by name. {@code NAME} is {@code qemu/configs/NAME.config}, plus
 * {@code NAME.ARCH.config} next to it when present (the drivers of that architecture's QEMU
 * machine); anything with a slash or ending in {@code .config} is a user's own file.
 */
public final class Fragments {
  /** Used when the user names no fragment. */
  public static final String DEFAULT = "lifetime-debug";

  /** A resolved fragment: its name as the user gave it and the files merged for it, in order. */
  public record Fragment(String name, List<Path> files) {}

  private Fragments() {}

  /**
   * The directory holding the bundled fragments: {@code -Dlifelab.configs}, else
   * {@code qemu/configs} under {@code -Dlifelab.root}, {@code $LIFELAB_HOME}, or the nearest
   * parent of the working directory that has one.
   */
  public static Path defaultConfigsDir() {
    String explicit = System.getProperty("lifelab.configs");
    if (explicit != null) {
      return Path.of(explicit);
    }
    for (String root : new String[] {System.getProperty("lifelab.root"), System.getenv("LIFELAB_HOME")}) {
      if (root != null && Files.isDirectory(Path.of(root, "qemu", "configs"))) {
        return Path.of(root, "qemu", "configs");
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("qemu/configs"))) {
        return p.resolve("qemu/configs");
      }
    }
    throw new UserError("cannot find the qemu/configs directory of lifelab; set LIFELAB_HOME");
  }

  /**
   * Applies the user's fragment arguments to the default: {@code +NAME} adds to what is there
   * (the default if nothing else was named), a plain {@code NAME} starts an explicit list.
   */
  public static List<String> names(List<String> args) {
    List<String> out = new ArrayList<>();
    boolean explicit = args.stream().anyMatch(a -> !a.startsWith("+"));
    if (!explicit) {
      out.add(DEFAULT);
    }
    for (String a : args) {
      String n = a.startsWith("+") ? a.substring(1) : a;
      if (n.isBlank()) {
        throw new UserError("empty fragment name in '" + a + "'");
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  public static Fragment resolve(String name, String arch, Path configsDir) {
    boolean isFile = name.contains("/") || name.endsWith(".config");
    Path main = isFile ? Path.of(name).toAbsolutePath().normalize()
        : configsDir.resolve(name + ".config");
    if (!Files.isRegularFile(main)) {
      throw new UserError("no config fragment " + (isFile ? main : "'" + name + "' (" + main + ")")
          + "; bundled ones: " + String.join(", ", available(configsDir)));
    }
    List<Path> files = new ArrayList<>(List.of(main));
    String base = main.getFileName().toString().replaceFirst("\\.config$", "");
    Path archPart = main.resolveSibling(base + "." + arch + ".config");
    if (Files.isRegularFile(archPart)) {
      files.add(archPart);
    }
    return new Fragment(isFile ? main.getFileName().toString() : name, List.copyOf(files));
  }

  public static List<Fragment> resolveAll(List<String> names, String arch, Path configsDir) {
    List<Fragment> out = new ArrayList<>();
    for (String n : names) {
      out.add(resolve(n, arch, configsDir));
    }
    return out;
  }

  /** All files of the fragments, in merge order. */
  public static List<Path> files(List<Fragment> fragments) {
    return fragments.stream().flatMap(f -> f.files().stream()).toList();
  }

  /** The bundled fragment names (without the per-architecture parts). */
  public static List<String> available(Path configsDir) {
    try (var s = Files.list(configsDir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".config") && n.chars().filter(c -> c == '.').count() == 1)
          .map(n -> n.substring(0, n.length() - ".config".length())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** sha256 over the names and contents of the fragments' files, in order. */
  public static String contentHash(List<Fragment> fragments) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : files(fragments)) {
        md.update(p.getFileName().toString().getBytes());
        md.update((byte) 0);
        md.update(Files.readAllBytes(p));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UserError("cannot read fragment: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
