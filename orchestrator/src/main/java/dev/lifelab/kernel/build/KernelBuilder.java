package dev.lifelab.kernel.build;

import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.KernelImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds a debug kernel from source: tinyconfig, the requested fragments merged on top,
 * olddefconfig, a check that every requested option survived, then the image and modules.
 * Results are cached; the same request again returns at once.
 */
public final class KernelBuilder {
  private static final Duration CONFIG_TIMEOUT = Duration.ofMinutes(10);

  private final BuildListener listener;

  public KernelBuilder(BuildListener listener) {
    this.listener = listener;
  }

  public KernelBuilder() {
    this(BuildListener.logging());
  }

  /** The outcome of configuring: the .config and the requested options that dropped out. */
  public record ConfigResult(Path dotConfig, List<ConfigVerifier.Dropped> dropped) {}

  /** Builds the kernel, or returns the cached one built from the same inputs. */
  public KernelImage build(BuildRequest req) {
    long start = System.nanoTime();
    BuildCache cache = new BuildCache(req.cacheRoot());
    Toolchain tc = Toolchain.forArch(req.arch());
    List<Fragments.Fragment> frags =
        Fragments.resolveAll(req.fragments(), req.arch(), req.configsDir());
    Path logs = req.cacheRoot().resolve("kernels").resolve("logs");
    mkdirs(logs);
    Path srcLog = logs.resolve("source-" + ProcessHandle.current().pid() + ".log");
    SourceProvider.Prepared src = new SourceProvider(cache.srcDir(), listener)
        .prepare(req.source(), srcLog);
    String key = BuildCache.key(src.version(), req.arch(),
        src.identity() == null ? "uncached " + src.tree() : src.identity(),
        Fragments.contentHash(frags), tc.compilerVersion());
    Path dest = cache.buildDir().resolve(key);
    String description = src.description() + " + "
        + String.join(" + ", frags.stream().map(Fragments.Fragment::name).toList());

    BuildCache.Entry cached = req.rebuild() ? null : cache.lookup(key);
    if (cached != null) {
      listener.reused(dest);
      return cached.toImage(dest, req.spec());
    }
    listener.stage("build", description + " for " + req.arch() + " -> " + dest);
    // a tree outside git cannot be told apart from an edited one: always rebuilt
    AtomicDirs.create(dest, tmp -> compile(req, tc, src, frags, key, description, tmp, start),
        req.rebuild() || src.identity() == null);
    BuildCache.Entry entry = cache.lookup(key);
    if (entry == null) {
      throw new UserError("kernel build finished but " + dest + " has no usable " + BuildCache.INFO);
    }
    listener.built(dest, Duration.ofNanos(System.nanoTime() - start));
    return entry.toImage(dest, req.spec());
  }

  /**
   * Only configures (tinyconfig + fragments + olddefconfig) into {@code objDir} and reports which
   * requested options dropped out, without failing on them.
   */
  public ConfigResult configure(BuildRequest req, Path objDir) {
    BuildCache cache = new BuildCache(req.cacheRoot());
    Toolchain tc = Toolchain.forArch(req.arch());
    List<Fragments.Fragment> frags =
        Fragments.resolveAll(req.fragments(), req.arch(), req.configsDir());
    mkdirs(objDir);
    Path log = objDir.resolve("config.log");
    SourceProvider.Prepared src = new SourceProvider(cache.srcDir(), listener)
        .prepare(req.source(), log);
    Make make = new Make(src.tree(), objDir, req.arch(), tc, new ProcessRunner(log, listener));
    return configure(make, src, frags);
  }

  private ConfigResult configure(Make make, SourceProvider.Prepared src,
      List<Fragments.Fragment> frags) {
    List<Path> files = Fragments.files(frags);
    make.run("tinyconfig", CONFIG_TIMEOUT, "tinyconfig");
    List<String> merge = new ArrayList<>(List.of(
        src.tree().resolve("scripts/kconfig/merge_config.sh").toString(), "-m", "-O",
        make.obj().toString(), make.obj().resolve(".config").toString()));
    files.forEach(f -> merge.add(f.toString()));
    make.runner().listener().stage("merge fragments", String.join(" ", files.stream()
        .map(f -> f.getFileName().toString()).toList()));
    // merge_config.sh writes its temporary files to the working directory
    make.runner().runChecked("merge fragments", make.obj(), Map.of(), CONFIG_TIMEOUT,
        List.of(merge.toArray(String[]::new)));
    make.run("olddefconfig", CONFIG_TIMEOUT, "olddefconfig");
    listener.stage("verify options", "every option of " + files.size() + " fragment file(s)");
    ConfigOptions requested = ConfigOptions.merge(files);
    Path dotConfig = make.obj().resolve(".config");
    List<ConfigVerifier.Dropped> dropped = ConfigVerifier.check(requested,
        ConfigOptions.read(dotConfig), () -> KconfigIndex.load(src.tree(), make.arch()));
    return new ConfigResult(dotConfig, dropped);
  }

  private void compile(BuildRequest req, Toolchain tc, SourceProvider.Prepared src,
      List<Fragments.Fragment> frags, String key, String description, Path out, long start)
      throws IOException {
    Path obj = out.resolve("obj");
    Path log = out.resolve("build.log");
    Make make = new Make(src.tree(), obj, req.arch(), tc, new ProcessRunner(log, listener));
    mkdirs(obj);
    ConfigResult cr = configure(make, src, frags);
    if (!cr.dropped().isEmpty()) {
      // keep the failing .config where the user can read it
      Path kept = req.cacheRoot().resolve("kernels").resolve("failed-" + key + ".config");
      Files.copy(cr.dotConfig(), kept, StandardCopyOption.REPLACE_EXISTING);
      StringBuilder sb = new StringBuilder();
      sb.append(cr.dropped().size()).append(" requested option(s) dropped out after olddefconfig (")
          .append(description).append(", ").append(req.arch()).append("):");
      cr.dropped().forEach(d -> sb.append("\n  ").append(d));
      sb.append("\nresulting config: ").append(kept);
      throw new UserError(sb.toString());
    }
    ConfigOptions config = ConfigOptions.read(cr.dotConfig());
    boolean modules = "y".equals(config.get("MODULES"));
    String image = tc.imageTarget();
    List<String> targets = modules ? List.of(image, "modules") : List.of(image);
    make.run("make " + String.join(" ", targets), req.timeout(),
        concat(List.of("-j" + req.jobs()), targets));
    String release = make.capture("kernelrelease");
    String modulesDir = null;
    if (modules) {
      Path modRoot = out.resolve("modules");
      make.run("modules_install", CONFIG_TIMEOUT, "modules_install",
          "INSTALL_MOD_PATH=" + modRoot, "INSTALL_MOD_STRIP=1");
      Path dir = modRoot.resolve("lib/modules").resolve(release);
      // these point into the build tree, which is deleted below
      Files.deleteIfExists(dir.resolve("build"));
      Files.deleteIfExists(dir.resolve("source"));
      if (!Files.isRegularFile(dir.resolve("modules.dep"))) {
        throw new UserError("modules_install made no " + dir.resolve("modules.dep")
            + " (is depmod from kmod installed?); log: " + log);
      }
      modulesDir = out.relativize(dir).toString();
    }
    Files.copy(obj.resolve(tc.imagePath()), out.resolve(image));
    Files.copy(cr.dotConfig(), out.resolve("config"));
    Files.copy(obj.resolve("System.map"), out.resolve("System.map"));
    listener.stage("clean up", "removing the object tree");
    AtomicDirs.deleteTree(obj);
    BuildCache.Entry entry = new BuildCache.Entry(req.arch(), release, image, modulesDir, "config",
        description, configHash(out.resolve("config")),
        frags.stream().map(Fragments.Fragment::name).toList(), key, Instant.now(),
        Duration.ofNanos(System.nanoTime() - start).toSeconds());
    Json.write(out.resolve(BuildCache.INFO), entry);
  }

  /** First 12 hex digits of the sha256 of the .config: identifies the configuration in results. */
  public static String configHash(Path dotConfig) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dotConfig));
      return HexFormat.of().formatHex(d).substring(0, 12);
    } catch (IOException e) {
      throw new UserError("cannot read " + dotConfig + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UserError("cannot create " + p + ": " + e.getMessage(), e);
    }
  }

  /** make with the source tree, object directory, ARCH and CROSS_COMPILE filled in. */
  private record Make(Path tree, Path obj, String arch, Toolchain tc, ProcessRunner runner) {
    void run(String stage, Duration timeout, String... args) {
      run(stage, timeout, List.of(args));
    }

    void run(String stage, Duration timeout, List<String> args) {
      runner.listener().stage(stage, "");
      runner.runChecked(stage, tree, Map.of(), timeout, command(args));
    }

    String capture(String target) {
      List<String> cmd = command(List.of("-s", target));
      String out = ProcessRunner.capture(tree, Duration.ofMinutes(2), cmd.toArray(String[]::new));
      if (out == null || out.isBlank()) {
        throw new UserError("make " + target + " failed in " + obj);
      }
      return out.lines().reduce((a, b) -> b).orElseThrow().strip();
    }

    private List<String> command(List<String> args) {
      List<String> cmd = new ArrayList<>(List.of("make", "-C", tree.toString(), "O=" + obj,
          "ARCH=" + arch));
      if (tc.crossCompile() != null) {
        cmd.add("CROSS_COMPILE=" + tc.crossCompile());
      }
      cmd.addAll(args);
      return cmd;
    }
  }
}
