package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cache directories that appear whole or not at all: filled under a temporary name owned by this
 * process, then renamed into place. An interrupted build leaves only a temporary directory, which
 * the next run removes once its owner process is gone.
 */
final class AtomicDirs {
  private static final String TMP = ".tmp-";

  /** Fills a directory; the filler gets an empty temporary directory on the same file system. */
  interface Filler {
    void fill(Path tmp) throws IOException;
  }

  private AtomicDirs() {}

  /**
   * Creates {@code dest} with {@code filler} unless it exists. Holds a lock file next to it, so
   * two lifelab processes asking for the same entry build it once.
   *
   * @return true if this call created it, false if it was already there
   */
  static boolean create(Path dest, Filler filler) {
    return create(dest, filler, false);
  }

  /**
   * As {@link #create(Path, Filler)}; with {@code replace}, an existing {@code dest} is rebuilt
   * and swapped only once the new one is complete, so an interrupted rebuild keeps the old one.
   */
  static boolean create(Path dest, Filler filler, boolean replace) {
    Path parent = dest.getParent();
    try {
      Files.createDirectories(parent);
      removeStale(parent);
      Path lockFile = parent.resolve("." + dest.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
        if (!replace && Files.isDirectory(dest)) {
          return false; // someone else finished it while we waited
        }
        Path tmp = parent.resolve("." + dest.getFileName() + TMP + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectories(tmp);
        boolean done = false;
        try {
          filler.fill(tmp);
          if (Files.exists(dest)) {
            Path old = parent.resolve("." + dest.getFileName() + ".old" + TMP
                + ProcessHandle.current().pid());
            Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
          }
          Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
          done = true;
        } finally {
          if (!done) {
            deleteTree(tmp);
          }
        }
        return true;
      }
    } catch (IOException e) {
      throw new UserError("cannot create " + dest + ": " + e.getMessage(), e);
    }
  }

  /** Removes temporary directories whose owner process no longer runs. */
  static void removeStale(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        int i = n.lastIndexOf(TMP);
        if (i < 0 || !n.startsWith(".")) {
          continue;
        }
        try {
          long pid = Long.parseLong(n.substring(i + TMP.length()));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
        } catch (NumberFormatException e) {
          continue;
        }
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      // walk does not follow symlinks, so a link out of the tree is removed, not its target
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
