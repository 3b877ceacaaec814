package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./lifelab launcher: each command's class-data-sharing archive. */
class LauncherIT {
  @TempDir Path home;

  record Run(int exitCode, String stdout) {}

  private Run launcher(String... args) throws IOException, InterruptedException {
    return launcherWith("", args);
  }

  private Run launcherWith(String javaOpts, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Project.home().resolve("lifelab").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("LIFELAB_CACHE", home.resolve("cache").toString());
    pb.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    pb.environment().remove("LIFELAB_NO_CDS");
    pb.environment().put("LIFELAB_JAVA_OPTS", javaOpts);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private List<String> archives() throws IOException {
    Path dir = home.resolve("cache/cds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCommandsFirstSuccessfulRunLeavesAnArchiveThatTheNextRunUses() throws Exception {
    Run first = launcher("report");
    assertThat(first.exitCode()).isZero();
    assertThat(archives()).singleElement().asString().startsWith("report-").endsWith(".jsa");

    Path classes = home.resolve("classes.log");
    Run second = launcherWith("-Xlog:class+load=info:file=" + classes, "report");
    assertThat(second.exitCode()).isZero();
    assertThat(second.stdout()).isEqualTo(first.stdout());
    assertThat(archives()).hasSize(1);
    // The JVM took lifelab's own classes from the archive ("top" layer), not from the jar.
    assertThat(Files.readAllLines(classes)).filteredOn(l -> l.contains(" dev.lifelab.cli.Main "))
        .singleElement().asString().contains("shared objects file (top)");
  }

  @Test
  void aFailedRunLeavesNoArchive() throws Exception {
    Run failed = launcher("boot", "--target", "no-such-target", "--kernel", "debian:6.1", "--", "true");
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(archives()).isEmpty();
  }
}
