package dev.lifelab.cli;

import dev.lifelab.common.Project;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.target.TargetSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where and with which kernel to run, shared by boot and run. */
public final class TargetOptions {
  @Option(names = "--target", required = true, description = "Target name in targets/ or a YAML file.")
  String target;

  @Option(names = "--kernel", required = true,
      description = "debian:6.1, debian:6.12, debian:6.1.0-47, debian-src:6.1[+kasan], a kernel tree,"
          + " or a path to an Image/bzImage.")
  String kernel;

  @Option(names = "--modules", description = "Modules directory for a --kernel path (lib/modules/RELEASE).")
  Path modules;

  @Option(names = "--out", description = "Parent of the run directories (default: ./runs).")
  Path out;

  TargetSpec spec() {
    return TargetSpec.load(Project.named("targets", target, ".yaml"));
  }

  Path outBase() {
    return out == null ? RunDirectory.defaultBase() : out;
  }
}
