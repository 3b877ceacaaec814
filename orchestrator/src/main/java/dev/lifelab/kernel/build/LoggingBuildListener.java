package dev.lifelab.kernel.build;

import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints build stages and progress as log lines (stderr), so stdout stays for results. */
final class LoggingBuildListener implements BuildListener {
  private static final Logger LOG = LoggerFactory.getLogger("kernel-build");
  private final long start = System.nanoTime();

  @Override
  public void stage(String name, String detail) {
    LOG.info("[{}] {}{}", elapsed(), name, detail == null || detail.isEmpty() ? "" : ": " + detail);
  }

  @Override
  public void progress(String stage, Duration elapsed, long lines, String lastLine) {
    String last = lastLine.length() > 90 ? lastLine.substring(0, 87) + "..." : lastLine;
    LOG.info("[{}] {} running {}, {} lines: {}", elapsed(), stage, format(elapsed), lines, last);
  }

  @Override
  public void reused(Path entry) {
    LOG.info("reusing cached kernel build {}", entry);
  }

  @Override
  public void built(Path entry, Duration took) {
    LOG.info("[{}] kernel built in {} and cached in {}", elapsed(), format(took), entry);
  }

  private String elapsed() {
    return format(Duration.ofNanos(System.nanoTime() - start));
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return String.format("%d:%02d", s / 60, s % 60);
  }
}
