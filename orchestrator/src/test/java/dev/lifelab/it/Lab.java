package dev.lifelab.it;

import dev.lifelab.common.Project;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetLauncher;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import java.nio.file.Path;
import java.time.Duration;

/** Shared set-up of the tests that boot real QEMU guests. */
public final class Lab {
  private Lab() {}

  public static TargetSpec target(String name) {
    return TargetSpec.load(Project.home().resolve("targets/" + name + ".yaml"));
  }

  /** Run directories of tests go under the module's target/ directory. */
  public static Path runDir(String label) {
    return RunDirectory.create(Path.of("target/it-runs"), label).dir();
  }

  public static Target boot(String target, String kernel) throws TargetStartException {
    return TargetLauncher.of(target(target)).kernel(kernel).runDir(runDir(target)).start();
  }

  /** Waits until the target says it is dead, at most {@code limit}; whether it is alive. */
  public static boolean awaitDeath(Target t, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (t.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return t.isAlive();
  }

  /** Path of the built jar, for tests that run the command line as a user does. */
  public static Path jar() {
    return Path.of("target/lifelab.jar").toAbsolutePath();
  }
}
