package dev.lifelab.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import dev.lifelab.common.YamlFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code qemu/initramfs/recipe.yaml}: which Debian packages of the guest's architecture go into
 * the initramfs (and which of their files), which files of the recipe directory are copied, which
 * of its C sources are compiled for the guest, and which Debian source packages are built for it.
 */
public record GuestImageRecipe(List<PackagePart> packages, List<FilePart> files, List<LinkPart> links,
    List<ProgramPart> programs, List<BuildPart> builds) implements Checked {

  @JsonCreator
  public GuestImageRecipe {
    packages = packages == null ? List.of() : List.copyOf(packages);
    files = files == null ? List.of() : List.copyOf(files);
    links = links == null ? List.of() : List.copyOf(links);
    programs = programs == null ? List.of() : List.copyOf(programs);
    builds = builds == null ? List.of() : List.copyOf(builds);
  }

  @Override
  public void check(Checks c) {
    c.each("packages", packages).each("files", files).each("links", links).each("programs", programs)
        .each("builds", builds);
  }

  /**
   * A Debian source package built for the guest with its configure script and make: {@code files}
   * (inline text), {@code sources} (files of the recipe directory), {@code dropLines} (files of
   * the package without the lines a regular expression finds in them) and {@code replaceText}
   * (files of the package with the one place each regular expression finds replaced by the given
   * text) are written into the build directory first, where make takes them before the package's
   * files of the same name; {@code install} maps files of the build directory to paths in the
   * image (stripped, mode 0755).
   */
  public record BuildPart(String source, List<String> configure, List<String> make, Map<String, String> files,
      Map<String, String> sources, Map<String, String> dropLines, Map<String, Map<String, String>> replaceText,
      Map<String, String> install) implements Checked {
    @JsonCreator
    public BuildPart {
      configure = configure == null ? List.of() : List.copyOf(configure);
      make = make == null ? List.of() : List.copyOf(make);
      // Sorted: the text of a part names its cached build and must not change from run to run.
      files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files));
      sources = sources == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sources));
      dropLines = dropLines == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(dropLines));
      TreeMap<String, Map<String, String>> replacements = new TreeMap<>();
      if (replaceText != null) {
        replaceText.forEach((file, edits) -> replacements.put(file,
            edits == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(edits))));
      }
      replaceText = Collections.unmodifiableMap(replacements);
      install = install == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(install));
    }

    @Override
    public void check(Checks c) {
      c.require(source != null && source.matches("[a-z0-9][a-z0-9.+-]+"), "source",
              "must name a Debian source package")
          .require(!install.isEmpty(), "install", "say which built files go into the image")
          .require(install.values().stream().allMatch(p -> p != null && p.startsWith("/")), "install",
              "image paths must be absolute")
          .require(install.keySet().stream().allMatch(f -> !f.startsWith("/") && !f.contains("..")), "install",
              "built files are named relative to the build directory")
          .require(files.keySet().stream().allMatch(GuestImageRecipe::isPlainName), "files",
              "names plain files of the build directory")
          .require(sources.keySet().stream().allMatch(GuestImageRecipe::isPlainName), "sources",
              "names plain files of the build directory")
          .require(sources.values().stream().allMatch(GuestImageRecipe::isPlainName), "sources",
              "maps to plain files of the recipe directory")
          .require(dropLines.keySet().stream().allMatch(GuestImageRecipe::isPlainName), "drop-lines",
              "names plain files of the package's top directory")
          .require(dropLines.values().stream().allMatch(GuestImageRecipe::isRegex), "drop-lines",
              "maps to a regular expression (Java syntax) that finds the lines")
          .require(replaceText.keySet().stream().allMatch(GuestImageRecipe::isPlainName), "replace-text",
              "names plain files of the package's top directory")
          .require(replaceText.values().stream().allMatch(edits -> !edits.isEmpty()
                  && edits.keySet().stream().allMatch(GuestImageRecipe::isRegex)
                  && edits.values().stream().allMatch(java.util.Objects::nonNull)), "replace-text",
              "maps each file to regular expressions (Java syntax), each to the text that replaces what it finds");
    }
  }

  /** A file name of letters, digits, ".", "_" and "-": no directory part. */
  private static boolean isPlainName(String name) {
    return name != null && name.matches("[A-Za-z0-9._-]+");
  }

  private static boolean isRegex(String regex) {
    try {
      return regex != null && !regex.isEmpty() && java.util.regex.Pattern.compile(regex) != null;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /** A C source of the recipe directory, compiled static for the guest's architecture. */
  public record ProgramPart(String path, String source) implements Checked {
    @Override
    public void check(Checks c) {
      c.require(path != null && path.startsWith("/"), "path", "must be an absolute path in the image")
          .require(source != null && source.endsWith(".c"), "source", "must be a C file of the recipe directory");
    }
  }

  /** A symbolic link in the image. */
  public record LinkPart(String path, String target) implements Checked {
    @Override
    public void check(Checks c) {
      c.require(path != null && path.startsWith("/"), "path", "must be an absolute path in the image")
          .require(target != null && !target.isBlank(), "target", "is required");
    }
  }

  /** A Debian package and the globs (relative to its root) of the files to take. */
  public record PackagePart(String name, List<String> take) implements Checked {
    @Override
    public void check(Checks c) {
      c.require(name != null && !name.isBlank(), "name", "is required")
          .require(take != null && !take.isEmpty(), "take", "say which files to take");
    }
  }

  /** A file of the image, from the recipe directory or given inline. */
  public record FilePart(String path, String source, String content, String mode) implements Checked {
    @Override
    public void check(Checks c) {
      c.require(path != null && path.startsWith("/"), "path", "must be an absolute path in the image")
          .require((source == null) != (content == null), null, "give exactly one of source or content")
          .require(mode == null || mode.matches("0?[0-7]{3,4}"), "mode", "must be octal like 0755");
    }

    int permissions() {
      return mode == null ? 0644 : Integer.parseInt(mode, 8);
    }
  }

  public static GuestImageRecipe load(Path file) {
    return YamlFiles.load(file, GuestImageRecipe.class);
  }
}
