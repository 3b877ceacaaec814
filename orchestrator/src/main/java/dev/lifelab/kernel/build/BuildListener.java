package dev.lifelab.kernel.build;

import java.time.Duration;

/** Hears how a kernel build goes; {@link #logging()} prints it on stderr through SLF4J. */
public interface BuildListener {
  /** A new stage starts, e.g. "extract source", "olddefconfig", "make Image modules". */
  default void stage(String name, String detail) {}

  /** Periodic news from a long stage: elapsed time, output lines so far and the latest line. */
  default void progress(String stage, Duration elapsed, long lines, String lastLine) {}

  /** The result was found in the cache and nothing was built. */
  default void reused(java.nio.file.Path entry) {}

  /** The build finished and was stored in the cache. */
  default void built(java.nio.file.Path entry, Duration took) {}

  static BuildListener logging() {
    return new LoggingBuildListener();
  }

  static BuildListener silent() {
    return new BuildListener() {};
  }
}
