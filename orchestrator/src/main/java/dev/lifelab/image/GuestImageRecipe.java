package dev.lifelab.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import dev.lifelab.common.YamlFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code qemu/initramfs/recipe.yaml}: which Debian packages of the guest's architecture go into
 * the initramfs (and which of their files), which files of the recipe directory are copied, and
 * which of its C sources are compiled for the guest.
 */
public record GuestImageRecipe(List<PackagePart> packages, List<FilePart> files, List<LinkPart> links,
    List<ProgramPart> programs) implements Checked {

  @JsonCreator
  public GuestImageRecipe {
    packages = packages == null ? List.of() : List.copyOf(packages);
    files = files == null ? List.of() : List.copyOf(files);
    links = links == null ? List.of() : List.copyOf(links);
    programs = programs == null ? List.of() : List.copyOf(programs);
  }

  @Override
  public void check(Checks c) {
    c.each("packages", packages).each("files", files).each("links", links).each("programs", programs);
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
