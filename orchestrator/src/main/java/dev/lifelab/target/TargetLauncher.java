package dev.lifelab.target;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.image.GuestImage;
import dev.lifelab.image.GuestImageBuilder;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.kernel.Kernels;
import dev.lifelab.ssh.SshWarmUp;
import dev.lifelab.target.board.BoardTarget;
import dev.lifelab.target.board.BoardTargetSpec;
import dev.lifelab.target.qemu.QemuTarget;
import dev.lifelab.target.qemu.QemuTargetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fluent set-up of a target: {@code TargetLauncher.of(spec).kernel("debian:6.1").runDir(dir).start()}.
 * Fetches or builds the kernel, builds the guest image, boots, and waits for SSH.
 */
public final class TargetLauncher {
  private final TargetSpec spec;
  private String kernelSpec;
  private KernelImage kernel;
  private Path modulesDir;
  private Path runDir;
  private final List<String> extraModules = new ArrayList<>();
  private String kernelArgs = "";

  private TargetLauncher(TargetSpec spec) {
    this.spec = spec;
  }

  public static TargetLauncher of(TargetSpec spec) {
    return new TargetLauncher(spec);
  }

  /** A {@code --kernel} argument: resolved (downloaded, built) at {@link #start()}. */
  public TargetLauncher kernel(String spec) {
    this.kernelSpec = spec;
    return this;
  }

  public TargetLauncher modules(Path dir) {
    this.modulesDir = dir;
    return this;
  }

  public TargetLauncher kernel(KernelImage image) {
    this.kernel = image;
    return this;
  }

  public TargetLauncher runDir(Path dir) {
    this.runDir = dir;
    return this;
  }

  /** Modules a plan needs beyond the target's own. */
  public TargetLauncher extraModules(List<String> modules) {
    for (String m : modules) {
      if (!extraModules.contains(m)) {
        extraModules.add(m);
      }
    }
    return this;
  }

  public TargetLauncher kernelArgs(String args) {
    this.kernelArgs = args == null ? "" : args;
    return this;
  }

  /** The kernel, resolving it on first use (so callers can check it before booting). */
  public KernelImage resolveKernel() throws TargetStartException {
    if (kernel == null) {
      if (kernelSpec == null) {
        throw new UserError("no kernel given (--kernel)");
      }
      try {
        kernel = Kernels.resolve(kernelSpec, modulesDir, spec.arch());
      } catch (UserError e) {
        throw new TargetStartException(BootStage.KERNEL, e.getMessage(), null, e);
      }
    }
    return kernel;
  }

  public Target start() throws TargetStartException {
    if (runDir == null) {
      throw new IllegalStateException("runDir not set");
    }
    // Its ~0.3 s of processor time then overlaps the kernel and image lookups rather than the
    // guest's boot, which shares the host's CPUs with it.
    SshWarmUp.start();
    KernelImage k = resolveKernel();
    if (spec instanceof QemuTargetSpec q) {
      return QemuTarget.start(q, k, image(k, q.nicModules()), runDir, kernelArgs);
    }
    if (spec instanceof BoardTargetSpec b) {
      return BoardTarget.start(b, k, image(k, b.network().modules()), runDir, kernelArgs);
    }
    throw new UserError("target " + spec.name() + ": kind not supported here");
  }

  /** The guest image: the NIC's modules first (SSH needs them), then the devices' and the plan's. */
  private GuestImage image(KernelImage k, List<String> networkModules) throws TargetStartException {
    List<String> modules = new ArrayList<>(spec.bootModules());
    extraModules.stream().filter(m -> !modules.contains(m)).forEach(modules::add);
    try {
      return new GuestImageBuilder(Project.home().resolve("qemu/initramfs")).build(k, networkModules, modules);
    } catch (UserError e) {
      throw new TargetStartException(BootStage.IMAGE, e.getMessage(), null, e);
    }
  }
}
