package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirsTest {
  @TempDir Path cache;

  @Test
  void createdOnceThenReused() throws Exception {
    Path dest = cache.resolve("entry");
    assertThat(AtomicDirs.create(dest, tmp -> Files.writeString(tmp.resolve("Image"), "x")))
        .isTrue();
    assertThat(dest.resolve("Image")).hasContent("x");
    assertThat(AtomicDirs.create(dest, tmp -> {
      throw new AssertionError("must not rebuild");
    })).isFalse();
  }

  @Test
  void failedFillLeavesNothingBehind() throws Exception {
    Path dest = cache.resolve("entry");
    assertThatThrownBy(() -> AtomicDirs.create(dest, tmp -> {
      Files.writeString(tmp.resolve("half"), "x");
      throw new IOException("compiler crashed");
    })).hasMessageContaining("compiler crashed");
    assertThat(dest).doesNotExist();
    assertThat(visibleAndTemp()).noneMatch(n -> n.contains(".tmp-"));
  }

  @Test
  void replacingKeepsTheOldEntryUntilTheNewOneIsComplete() throws Exception {
    Path dest = cache.resolve("entry");
    AtomicDirs.create(dest, tmp -> Files.writeString(tmp.resolve("Image"), "old"));
    assertThatThrownBy(() -> AtomicDirs.create(dest, tmp -> {
      throw new IOException("interrupted");
    }, true)).hasMessageContaining("interrupted");
    assertThat(dest.resolve("Image")).hasContent("old");
    assertThat(AtomicDirs.create(dest, tmp -> Files.writeString(tmp.resolve("Image"), "new"), true))
        .isTrue();
    assertThat(dest.resolve("Image")).hasContent("new");
    assertThat(visibleAndTemp()).noneMatch(n -> n.contains(".tmp-"));
  }

  @Test
  void leftoversOfDeadProcessesAreRemoved() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path stale = Files.createDirectories(cache.resolve(".entry.tmp-" + p.pid()));
    Path live = Files.createDirectories(
        cache.resolve(".other.tmp-" + ProcessHandle.current().pid()));
    AtomicDirs.removeStale(cache);
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
  }

  private Stream<String> visibleAndTemp() throws IOException {
    return Files.list(cache).map(x -> x.getFileName().toString()).toList().stream();
  }
}
