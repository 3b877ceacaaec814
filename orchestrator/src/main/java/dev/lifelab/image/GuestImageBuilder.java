package dev.lifelab.image;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Hashing;
import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.host.DebianArchive;
import dev.lifelab.kernel.Arch;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.ssh.SshKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the initramfs of a QEMU guest from the recipe in {@code qemu/initramfs/}: busybox and an
 * SSH server of the guest's architecture from Debian packages, the init program compiled for it,
 * a host key made for this image, lifelab's client key as authorized key, and the kernel modules
 * the target's devices need.
 * Images are cached by (kernel, recipe, modules, client key).
 */
public final class GuestImageBuilder {
  private static final Logger log = LoggerFactory.getLogger(GuestImageBuilder.class);
  private static final String INITRD = "initrd.cpio";

  private final Path recipeDir;

  public GuestImageBuilder(Path recipeDir) {
    this.recipeDir = recipeDir;
  }

  /** The image of the cache directory {@code dir}, whatever paths its image.json was written with. */
  private static GuestImage located(Path dir, GuestImage recorded) {
    return new GuestImage(dir.resolve(INITRD), recorded.hostKey(),
        recorded.modules(), recorded.missingModules());
  }

  /**
   * @param networkModules loaded first, before the SSH server starts
   * @param deviceModules loaded after, for the devices under test
   */
  public GuestImage build(KernelImage kernel, List<String> networkModules, List<String> deviceModules) {
    List<String> modules = new ArrayList<>(networkModules);
    deviceModules.stream().filter(m -> !modules.contains(m)).forEach(modules::add);
    Arch arch = Arch.of(kernel.arch());
    Path recipeFile = recipeDir.resolve("recipe.yaml");
    GuestImageRecipe recipe = GuestImageRecipe.load(recipeFile);
    String clientKey = SshKeys.clientAuthorizedKeyLine();
    String key = Hashing.shortSha256(String.join("\n", recipeFingerprint(recipe), kernel.source(),
        kernel.release(), kernelModulesFingerprint(kernel), String.join(",", networkModules),
        String.join(",", modules), clientKey, INITRD));
    Path dir = Cache.dir("images").resolve(kernel.release() + "-" + key);
    Path meta = dir.resolve("image.json");
    if (Files.exists(meta)) {
      GuestImage cached = Json.read(meta, GuestImage.class);
      return located(dir, cached);
    }
    log.info("building guest image for {} ({})", kernel.release(), arch);
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory(Cache.dir("images"), ".build-");
      String hostKey = SshKeys.makeDropbearHostKey(tmp.resolve("host_key"));
      KernelModules mods = KernelModules.resolve(kernel, modules);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(INITRD)), 1 << 16);
          CpioWriter cpio = new CpioWriter(out)) {
        skeleton(cpio);
        Map<String, String> versions = DebianArchive.candidateVersions(recipe.packages().stream()
            .map(p -> p.name() + ":" + arch.debianName()).toList());
        for (GuestImageRecipe.PackagePart part : recipe.packages()) {
          addPackage(cpio, part, arch, versions.get(part.name() + ":" + arch.debianName()));
        }
        for (GuestImageRecipe.LinkPart l : recipe.links()) {
          cpio.symlink(l.path(), l.target());
        }
        for (GuestImageRecipe.FilePart f : recipe.files()) {
          byte[] content = f.source() != null ? Files.readAllBytes(recipeDir.resolve(f.source()))
              : f.content().getBytes(StandardCharsets.UTF_8);
          cpio.file(f.path(), f.permissions(), content);
        }
        for (GuestImageRecipe.ProgramPart prog : recipe.programs()) {
          cpio.file(prog.path(), 0755, GuestPrograms.compile(recipeDir.resolve(prog.source()), arch, tmp));
        }
        for (GuestImageRecipe.BuildPart build : recipe.builds()) {
          Path built = SourceBuilds.build(build, arch, recipeDir);
          for (Map.Entry<String, String> e : build.install().entrySet()) {
            cpio.file(e.getValue(), 0755, built.resolve(e.getKey()));
          }
        }
        cpio.file("/root/.ssh/authorized_keys", 0600, (clientKey + "\n").getBytes(StandardCharsets.UTF_8));
        cpio.file("/etc/dropbear/dropbear_ed25519_host_key", 0600, tmp.resolve("host_key"));
        addModules(cpio, kernel, mods, networkModules);
      }
      Files.delete(tmp.resolve("host_key"));
      GuestImage image = new GuestImage(dir.resolve(INITRD), hostKey,
          mods.present, mods.missing);
      Json.write(tmp.resolve("image.json"), image);
      DebianArchive.moveIntoPlace(tmp, dir);
      tmp = null;
      if (!mods.missing.isEmpty()) {
        log.info("kernel {} has no module {}", kernel.release(), mods.missing);
      }
      // read back rather than returned: when another process put its image there first, ours was
      // dropped, and the guest will have that image's host key
      return located(dir, Json.read(meta, GuestImage.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the guest image", e);
    } finally {
      if (tmp != null) {
        DebianArchive.deleteTree(tmp);
      }
    }
  }

  private static void skeleton(CpioWriter cpio) throws IOException {
    for (String d : List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/proc", "/sys", "/dev",
        "/tmp", "/run", "/etc/lifelab", "/etc/dropbear", "/var/log", "/lib/modules", "/mnt")) {
      cpio.directory(d, 0755);
    }
    cpio.directory("/root", 0700);
    cpio.directory("/root/.ssh", 0700);
    // The kernel opens /dev/console for init before devtmpfs is mounted.
    cpio.charDevice("/dev/console", 0600, 5, 1);
    cpio.charDevice("/dev/null", 0666, 1, 3);
  }

  private void addPackage(CpioWriter cpio, GuestImageRecipe.PackagePart part, Arch arch, String version)
      throws IOException {
    String pkg = part.name() + ":" + arch.debianName();
    if (version == null) {
      throw new UserError(recipeDir.resolve("recipe.yaml") + ": apt knows no package " + pkg
          + (arch == Arch.ARM64 ? " (run: dpkg --add-architecture arm64 && apt-get update)" : ""));
    }
    Path root = DebianArchive.unpacked(pkg, version);
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : part.take()) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }
    int taken = 0;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        Path rel = root.relativize(p);
        if (rel.toString().isEmpty() || matchers.stream().noneMatch(m -> m.matches(rel))) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          cpio.symlink("/" + rel, Files.readSymbolicLink(p).toString());
        } else if (Files.isRegularFile(p)) {
          cpio.file("/" + rel, Files.isExecutable(p) ? 0755 : 0644, p);
        } else {
          continue;
        }
        taken++;
      }
    }
    if (taken == 0) {
      throw new UserError(recipeDir.resolve("recipe.yaml") + ": package " + part.name()
          + ": no file matches " + part.take());
    }
  }

  private static void addModules(CpioWriter cpio, KernelImage kernel, KernelModules mods,
      List<String> networkModules) throws IOException {
    if (kernel.modulesDir() == null) {
      return;
    }
    String base = "/lib/modules/" + kernel.release() + "/";
    StringBuilder dep = new StringBuilder();
    List<String> rels = new ArrayList<>();
    for (Map.Entry<String, Path> e : mods.files.entrySet()) {
      String rel = mods.relativeUncompressed(e.getValue());
      cpio.file(base + rel, 0644, KernelModules.content(e.getValue()));
      rels.add(rel);
    }
    // modules.dep for busybox modprobe: each module with its dependencies, load order reversed.
    for (int i = 0; i < rels.size(); i++) {
      dep.append(rels.get(i)).append(':');
      for (int j = i - 1; j >= 0; j--) {
        dep.append(' ').append(rels.get(j));
      }
      dep.append('\n');
    }
    cpio.file(base + "modules.dep", 0644, dependencyLines(kernel, rels, dep.toString()));
    for (String extra : List.of("modules.builtin", "modules.order")) {
      Path f = kernel.modulesDir().resolve(extra);
      if (Files.exists(f)) {
        cpio.file(base + extra, 0644, f);
      }
    }
    StringBuilder net = new StringBuilder();
    StringBuilder devices = new StringBuilder();
    for (String name : mods.present) {
      (networkModules.contains(name) ? net : devices).append(name).append('\n');
    }
    cpio.file("/etc/lifelab/modules-net", 0644, net.toString().getBytes(StandardCharsets.UTF_8));
    cpio.file("/etc/lifelab/modules", 0644, devices.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The real dependency lines of the kernel's modules.dep for the modules in the image (names
   * mapped to their uncompressed files); falls back to load order when the file is absent.
   */
  private static byte[] dependencyLines(KernelImage kernel, List<String> rels, String fallback) throws IOException {
    Path depFile = kernel.modulesDir().resolve("modules.dep");
    if (!Files.exists(depFile)) {
      return fallback.getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(depFile)) {
      String stripped = line.replaceAll("\\.ko\\.(xz|zst|gz)", ".ko");
      int colon = stripped.indexOf(':');
      if (colon > 0 && rels.contains(stripped.substring(0, colon))) {
        out.append(stripped).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String recipeFingerprint(GuestImageRecipe recipe) {
    StringBuilder sb = new StringBuilder(recipe.toString());
    try (Stream<Path> s = Files.walk(recipeDir)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        sb.append(p.getFileName()).append('=').append(Hashing.sha256(p)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  private static String kernelModulesFingerprint(KernelImage kernel) {
    if (kernel.modulesDir() == null) {
      return "no-modules";
    }
    Path dep = kernel.modulesDir().resolve("modules.dep");
    return Files.exists(dep) ? Hashing.sha256(dep) : kernel.modulesDir().toString();
  }
}
