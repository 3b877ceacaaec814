package dev.lifelab.image;

import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.KernelImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves module names to the files (with dependencies, in load order) of one kernel, using the
 * host's {@code modprobe --show-depends} on the kernel's modules directory.
 */
final class KernelModules {
  /** Modules to put in the image: name → file, in load order. */
  final Map<String, Path> files = new LinkedHashMap<>();
  /** Requested names that resolved, in the order asked. */
  final List<String> present = new ArrayList<>();
  /** Requested names the kernel has neither as a module nor built in. */
  final List<String> missing = new ArrayList<>();
  final Path modulesDir;

  private KernelModules(Path modulesDir) {
    this.modulesDir = modulesDir;
  }

  static KernelModules resolve(KernelImage kernel, List<String> names) {
    KernelModules result = new KernelModules(kernel.modulesDir());
    if (kernel.modulesDir() == null) {
      // A kernel without modules has everything it has built in; nothing to load.
      result.present.addAll(names);
      return result;
    }
    Path root = modprobeRoot(kernel);
    for (String name : names) {
      Commands.Output o = Commands.run(List.of("modprobe", "-d", root.toString(), "-S",
          kernel.release(), "--show-depends", name), null, Duration.ofMinutes(1));
      if (!o.ok()) {
        if (o.stderr().contains("not found")) {
          result.missing.add(name);
          continue;
        }
        throw new UserError("modprobe --show-depends " + name + " failed: " + o.stderr().trim());
      }
      result.present.add(name);
      for (String line : o.stdout().split("\n")) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 2 && words[0].equals("insmod")) {
          Path file = Path.of(words[1]);
          result.files.putIfAbsent(moduleName(file), file);
        }
      }
    }
    return result;
  }

  /** modprobe wants {@code ROOT/lib/modules/RELEASE}; link a root when the layout differs. */
  private static Path modprobeRoot(KernelImage kernel) {
    Path dir = kernel.modulesDir().toAbsolutePath();
    Path p1 = dir.getParent();
    Path p2 = p1 == null ? null : p1.getParent();
    if (dir.getFileName().toString().equals(kernel.release()) && p1 != null
        && p1.getFileName().toString().equals("modules") && p2 != null
        && p2.getFileName().toString().equals("lib") && p2.getParent() != null) {
      return p2.getParent();
    }
    try {
      Path root = Files.createTempDirectory("lifelab-modroot");
      Files.createDirectories(root.resolve("lib/modules"));
      Files.createSymbolicLink(root.resolve("lib/modules").resolve(kernel.release()), dir);
      root.toFile().deleteOnExit();
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String moduleName(Path file) {
    String n = file.getFileName().toString();
    n = n.substring(0, n.indexOf(".ko"));
    return n.replace('-', '_');
  }

  /** Path of the module relative to the modules dir, without a compression suffix. */
  String relativeUncompressed(Path file) {
    String rel = modulesDir.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    if (rel.startsWith("..")) {
      // modprobe followed our symlinked root: map back by the part after lib/modules/RELEASE.
      String s = file.toString();
      int i = s.indexOf("/kernel/");
      rel = i >= 0 ? s.substring(i + 1) : file.getFileName().toString();
    }
    return rel.replaceAll("\\.(xz|zst|gz)$", "");
  }

  /** The module's bytes, decompressed with the host's tools when needed. */
  static byte[] content(Path file) {
    String n = file.getFileName().toString();
    try {
      if (n.endsWith(".ko")) {
        return Files.readAllBytes(file);
      }
      List<String> cmd = n.endsWith(".xz") ? List.of("xz", "-dc", file.toString())
          : n.endsWith(".zst") ? List.of("zstd", "-dcq", file.toString())
          : List.of("gzip", "-dc", file.toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      byte[] bytes = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new UserError("cannot decompress " + file + " with " + cmd.get(0));
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    }
  }
}
