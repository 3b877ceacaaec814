package dev.lifelab.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.lifelab.common.YamlFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code qemu/initramfs/recipe.yaml}: which Debian packages of the guest's architecture go into
 * the initramfs (and which of their files), and which files of the recipe directory are copied.
 */
public record GuestImageRecipe(List<PackagePart> packages, List<FilePart> files, List<LinkPart> links) {

  @JsonCreator
  public GuestImageRecipe {
    packages = packages == null ? List.of() : List.copyOf(packages);
    files = files == null ? List.of() : List.copyOf(files);
    links = links == null ? List.of() : List.copyOf(links);
  }

  /** A symbolic link in the image. */
  public record LinkPart(String path, String target) {
    @JsonCreator
    public LinkPart {
      if (path == null || !path.startsWith("/") || target == null || target.isBlank()) {
        throw new IllegalArgumentException("a link needs an absolute path and a target");
      }
    }
  }

  /** A Debian package and the globs (relative to its root) of the files to take. */
  public record PackagePart(String name, List<String> take) {
    @JsonCreator
    public PackagePart {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a package needs a name");
      }
      if (take == null || take.isEmpty()) {
        throw new IllegalArgumentException("package " + name + ": say which files to take");
      }
    }
  }

  /** A file of the image, from the recipe directory or given inline. */
  public record FilePart(String path, String source, String content, String mode) {
    @JsonCreator
    public FilePart {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("a file needs an absolute path in the image");
      }
      if ((source == null) == (content == null)) {
        throw new IllegalArgumentException(path + ": give exactly one of source or content");
      }
      if (mode != null && !mode.matches("0?[0-7]{3,4}")) {
        throw new IllegalArgumentException(path + ": mode must be octal like 0755");
      }
    }

    int permissions() {
      return mode == null ? 0644 : Integer.parseInt(mode, 8);
    }
  }

  public static GuestImageRecipe load(Path file) {
    return YamlFiles.load(file, GuestImageRecipe.class);
  }
}
