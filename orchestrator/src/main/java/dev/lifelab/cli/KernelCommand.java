package dev.lifelab.cli;

import dev.lifelab.common.Json;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.kernel.build.BuildCache;
import dev.lifelab.kernel.build.BuildListener;
import dev.lifelab.kernel.build.BuildRequest;
import dev.lifelab.kernel.build.Fragments;
import dev.lifelab.kernel.build.KernelBuilder;
import dev.lifelab.kernel.build.KernelSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifelab kernel ...}: kernels for the targets. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Build debug kernels for the targets.",
    subcommands = {KernelCommand.Build.class})
public final class KernelCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code lifelab kernel build}. */
  @Command(name = "build", mixinStandardHelpOptions = true,
      description = {
          "Build a debug kernel (image + modules) from source and cache it.",
          "Starts from tinyconfig, merges the config fragments, runs olddefconfig and fails if any "
              + "requested option dropped out. A second identical request reuses the cache."})
  static final class Build implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "SRC",
        description = "debian-src:6.1, debian-src:6.12 (package linux-source-X), or the path of "
            + "a local kernel tree (built out of tree with O=, the tree stays clean).")
    String source;

    @Option(names = "--arch", defaultValue = "arm64", paramLabel = "ARCH",
        description = "arm64 or x86_64 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--fragment", paramLabel = "FRAG",
        description = "Config fragment: a name from qemu/configs or a file path. '+NAME' adds to "
            + "the default (" + Fragments.DEFAULT + "); a plain NAME starts an explicit list. "
            + "Repeatable, merged in order.")
    List<String> fragments = new ArrayList<>();

    @Option(names = "--cache", paramLabel = "DIR",
        description = "Cache directory (default: $LIFELAB_CACHE, $XDG_CACHE_HOME/lifelab or "
            + "~/.cache/lifelab).")
    Path cache;

    @Option(names = "--configs", paramLabel = "DIR",
        description = "Directory of the bundled fragments (default: qemu/configs of lifelab).")
    Path configs;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
        description = "Parallel make jobs (default: number of CPUs).")
    Integer jobs;

    @Option(names = "--timeout-min", defaultValue = "120", paramLabel = "MIN",
        description = "Give up compiling after this many minutes (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--rebuild", description = "Build again even if a cached build exists.")
    boolean rebuild;

    @Option(names = "--config-only",
        description = "Only configure into DIR/obj and report dropped options; no compile.")
    Path configOnly;

    @Option(names = "--json", description = "Print the kernel as JSON on stdout.")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<String> names = Fragments.names(fragments);
      BuildRequest req = new BuildRequest(specString(names), KernelSource.parse(source), arch,
          names, configs != null ? configs : Fragments.defaultConfigsDir(),
          cache != null ? cache : BuildCache.defaultRoot(),
          jobs != null ? jobs : Runtime.getRuntime().availableProcessors(),
          Duration.ofMinutes(timeoutMinutes), rebuild);
      KernelBuilder builder = new KernelBuilder(BuildListener.logging());
      var out = spec.commandLine().getOut();
      if (configOnly != null) {
        KernelBuilder.ConfigResult r = builder.configure(req, configOnly.resolve("obj"));
        out.println("config: " + r.dotConfig());
        r.dropped().forEach(d -> out.println("dropped: " + d));
        out.println(r.dropped().isEmpty() ? "all requested options are set"
            : r.dropped().size() + " requested option(s) dropped out");
        return r.dropped().isEmpty() ? ExitCodes.OK : ExitCodes.INFRA;
      }
      KernelImage k = builder.build(req);
      if (json) {
        // plain paths rather than file: URIs, for shell scripts reading this
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("spec", k.spec());
        m.put("arch", k.arch());
        m.put("release", k.release());
        m.put("image", k.image().toString());
        m.put("modulesDir", k.modulesDir() == null ? null : k.modulesDir().toString());
        m.put("config", k.config().toString());
        m.put("source", k.source());
        m.put("configHash", k.configHash());
        out.println(Json.mapper().writeValueAsString(m));
      } else {
        out.println("release:     " + k.release());
        out.println("source:      " + k.source());
        out.println("config hash: " + k.configHash());
        out.println("image:       " + k.image());
        out.println("modules:     " + (k.modulesDir() == null ? "-" : k.modulesDir()));
        out.println("config:      " + k.config());
      }
      out.flush();
      return ExitCodes.OK;
    }

    /** The equivalent {@code --kernel} value, e.g. {@code debian-src:6.1+kasan}. */
    private String specString(List<String> names) {
      boolean defaultFirst = !names.isEmpty() && names.get(0).equals(Fragments.DEFAULT);
      StringBuilder sb = new StringBuilder(source);
      for (int i = defaultFirst ? 1 : 0; i < names.size(); i++) {
        sb.append('+').append(names.get(i));
      }
      return sb.toString();
    }
  }
}
