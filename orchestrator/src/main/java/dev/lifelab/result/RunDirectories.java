package dev.lifelab.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Run directories: one per boot or plan run, named by time and what ran, never reused. */
public final class RunDirectories {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunDirectories() {}

  /** The default parent of run directories: {@code ./runs}. */
  public static Path defaultBase() {
    return Path.of("runs").toAbsolutePath();
  }

  public static Path create(Path base, String label) {
    String safe = label.replaceAll("[^A-Za-z0-9._+-]+", "_");
    String stem = LocalDateTime.now().format(STAMP) + "-" + safe;
    try {
      Files.createDirectories(base);
      for (int i = 0; ; i++) {
        Path dir = base.resolve(i == 0 ? stem : stem + "-" + i);
        try {
          return Files.createDirectory(dir).toAbsolutePath();
        } catch (FileAlreadyExistsException e) {
          // Two runs in one second: take the next suffix.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory under " + base, e);
    }
  }
}
