package dev.lifelab.image;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.Hashing;
import dev.lifelab.common.UserError;
import dev.lifelab.host.DebianArchive;
import dev.lifelab.host.DebianSources;
import dev.lifelab.kernel.Arch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the recipe's Debian source packages for the guest: configure with the guest's (cross)
 * compiler, make, strip. Outputs are cached per package version, architecture and build recipe,
 * so a package is built once per machine.
 */
final class SourceBuilds {
  private static final Logger log = LoggerFactory.getLogger(SourceBuilds.class);
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);

  private SourceBuilds() {}

  /**
   * The directory holding the built, stripped files of {@code part}, named as in its install map;
   * its {@code sources} are files of {@code recipeDir}.
   */
  static Path build(GuestImageRecipe.BuildPart part, Arch arch, Path recipeDir) {
    String name = part.source();
    String version = DebianSources.candidateVersion(name);
    Map<String, byte[]> sources = readSources(part, recipeDir);
    StringBuilder recipe = new StringBuilder(part.toString());
    sources.forEach((file, content) -> recipe.append('\n').append(file).append('=').append(Hashing.sha256(content)));
    String key = Hashing.shortSha256(recipe.toString());
    Path dir = Cache.dir("builds").resolve(name + "_" + version + "-" + arch.debianName() + "-" + key);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path tree = DebianSources.unpacked(name, version);
    log.info("building {} {} for {}", name, version, arch.debianName());
    long start = System.nanoTime();
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(Cache.dir("builds"), ".build-");
      Path work = Files.createDirectory(tmp.resolve("work"));
      configure(part, arch, tree, sources, recipeDir, work);
      List<String> make = new ArrayList<>(List.of("make", "-j" + Runtime.getRuntime().availableProcessors()));
      make.addAll(part.make());
      run(part, "make", make, work);
      Path out = Files.createDirectory(tmp.resolve("out"));
      for (String file : part.install().keySet()) {
        Path built = work.resolve(file);
        if (!Files.isRegularFile(built)) {
          throw new UserError("building " + part.source() + ": make made no " + file);
        }
        Path target = out.resolve(file);
        Files.createDirectories(target.getParent());
        run(part, "strip", List.of(arch.strip(), "-o", target.toString(), built.toString()), work);
      }
      DebianArchive.deleteTree(work);
      DebianArchive.moveIntoPlace(out, dir);
      log.info("built {} {} for {} in {} s", name, version, arch.debianName(),
          (System.nanoTime() - start) / 1_000_000_000);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + part.source(), e);
    } finally {
      if (tmp != null) {
        DebianArchive.deleteTree(tmp);
      }
    }
  }

  /**
   * Makes {@code work} the build directory of {@code part}: its files, sources and edited package
   * files (drop-lines, replace-text), then the package's configure script run for {@code arch}.
   *
   * @param sources the part's sources, as {@link #readSources} read them
   */
  static void configure(GuestImageRecipe.BuildPart part, Arch arch, Path tree, Map<String, byte[]> sources,
      Path recipeDir, Path work) throws IOException {
    for (Map.Entry<String, String> f : part.files().entrySet()) {
      Files.writeString(work.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, byte[]> f : sources.entrySet()) {
      Files.write(work.resolve(f.getKey()), f.getValue());
    }
    Set<String> edited = new TreeSet<>(part.dropLines().keySet());
    edited.addAll(part.replaceText().keySet());
    for (String file : edited) {
      Files.writeString(work.resolve(file), edited(part, tree, file, recipeDir), StandardCharsets.ISO_8859_1);
    }
    List<String> configure = new ArrayList<>(List.of("sh", tree.resolve("configure").toString(),
        "--host=" + arch.gnuTriplet(), "CC=" + arch.gcc()));
    configure.addAll(part.configure());
    run(part, "configure", configure, work);
  }

  static Map<String, byte[]> readSources(GuestImageRecipe.BuildPart part, Path recipeDir) {
    Map<String, byte[]> sources = new TreeMap<>();
    for (Map.Entry<String, String> f : part.sources().entrySet()) {
      Path file = recipeDir.resolve(f.getValue());
      try {
        sources.put(f.getKey(), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UserError(where(part, recipeDir, "sources", f.getKey()) + ": cannot read " + file
            + (e instanceof NoSuchFileException ? ": no such file" : ": " + e));
      }
    }
    return sources;
  }

  /**
   * The package's file without the lines its drop-lines expression finds, then with the place each
   * of its replace-text expressions finds replaced. An expression that finds nothing (a new version
   * of the package), or a replace-text expression that finds more than one place, is an error.
   */
  static String edited(GuestImageRecipe.BuildPart part, Path tree, String file, Path recipeDir)
      throws IOException {
    Path original = tree.resolve(file);
    if (!Files.isRegularFile(original)) {
      String field = part.dropLines().containsKey(file) ? "drop-lines" : "replace-text";
      throw new UserError(where(part, recipeDir, field, file) + ": the package has no such file");
    }
    // Latin-1 keeps every byte as it is, whatever the file's encoding.
    String text = Files.readString(original, StandardCharsets.ISO_8859_1);
    String drop = part.dropLines().get(file);
    if (drop != null) {
      text = withoutLines(text, drop, where(part, recipeDir, "drop-lines", file));
    }
    for (Map.Entry<String, String> edit : part.replaceText().getOrDefault(file, Map.of()).entrySet()) {
      text = replacedOnce(text, edit.getKey(), edit.getValue(), where(part, recipeDir, "replace-text", file));
    }
    return text;
  }

  private static String withoutLines(String text, String regex, String where) {
    Pattern pattern = Pattern.compile(regex);
    StringBuilder kept = new StringBuilder();
    int dropped = 0;
    for (String line : text.split("(?<=\n)")) {
      if (pattern.matcher(line).find()) {
        dropped++;
      } else {
        kept.append(line);
      }
    }
    if (dropped == 0) {
      throw new UserError(where + ": no line matches '" + regex + "' (has the package changed?)");
    }
    log.debug("{}: dropped {} lines", where, dropped);
    return kept.toString();
  }

  private static String replacedOnce(String text, String regex, String replacement, String where) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new UserError(where + ": nothing matches '" + regex + "' (has the package changed?)");
    }
    int start = m.start();
    int end = m.end();
    if (m.find()) {
      throw new UserError(where + ": '" + regex + "' matches more than one place; make it find one");
    }
    return text.substring(0, start) + replacement + text.substring(end);
  }

  /** Where a build's entry is, for messages: {@code .../recipe.yaml: builds: dropbear: sources: x.c}. */
  private static String where(GuestImageRecipe.BuildPart part, Path recipeDir, String field, String file) {
    return recipeDir.resolve("recipe.yaml") + ": builds: " + part.source() + ": " + field + ": " + file;
  }

  private static void run(GuestImageRecipe.BuildPart part, String step, List<String> cmd, Path dir) {
    Commands.Output o = Commands.run(cmd, dir, STEP_TIMEOUT);
    if (!o.ok()) {
      throw new UserError("building " + part.source() + ": " + step + " failed (" + String.join(" ", cmd)
          + "):\n" + Commands.tail(o.stderr() + o.stdout(), 20));
    }
  }
}
