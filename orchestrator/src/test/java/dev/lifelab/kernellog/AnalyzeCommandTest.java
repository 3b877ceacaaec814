package dev.lifelab.kernellog;

import static dev.lifelab.kernellog.SampleLogs.BOOT_NOISE;
import static dev.lifelab.kernellog.SampleLogs.HUNG_TASK;
import static dev.lifelab.kernellog.SampleLogs.MISSING_RELEASE;
import static dev.lifelab.kernellog.SampleLogs.join;
import static dev.lifelab.kernellog.SampleLogs.stamped;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifelab.cli.ExitCodes;
import dev.lifelab.cli.Main;
import dev.lifelab.common.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifelab analyze}: what the user sees and the exit status scripts check. */
class AnalyzeCommandTest {
  @TempDir Path dir;
  private Path clean;
  private Path buggy;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeLogs() throws IOException {
    clean = Files.writeString(dir.resolve("clean.log"), join(stamped(BOOT_NOISE, 3)));
    buggy = Files.writeString(dir.resolve("buggy.log"),
        join(stamped(BOOT_NOISE, 3), stamped(HUNG_TASK, 12), stamped(MISSING_RELEASE, 20)));
  }

  private int run(String... args) {
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void cleanLogExitsZero() {
    assertThat(run("analyze", clean.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("clean.log: no kernel problems found");
  }

  @Test
  void findingsArePrintedWithFileAndLinesAndExitOne() {
    assertThat(run("analyze", buggy.toString())).isEqualTo(ExitCodes.FINDINGS);
    assertThat(out.toString())
        .contains(buggy + ":7-27: INFO: task hung in hwrng_unregister")
        .contains("WARNING in foo_remove")
        .contains("kobject, kernel 6.1.0-47-amd64, tainted GO")
        .as("frames from the one the title names")
        .contains("    (4 inner) hwrng_unregister < ");
  }

  @Test
  void aFileIsNamedAsGiven() {
    Path relative = Path.of("").toAbsolutePath().relativize(buggy);
    run("analyze", relative.toString());
    assertThat(out.toString()).startsWith(relative + ":7-27: INFO: task hung in hwrng_unregister");
  }

  @Test
  void jsonIsOneObjectPerFilePerLine() throws IOException {
    assertThat(run("analyze", "--json", buggy.toString(), clean.toString())).isEqualTo(ExitCodes.FINDINGS);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = Json.mapper().readTree(lines.get(0));
    assertThat(first.get("file").asText()).isEqualTo(buggy.toString());
    assertThat(first.get("findings")).hasSize(2);
    JsonNode hang = first.get("findings").get(0);
    assertThat(hang.get("kind").asText()).isEqualTo("hung-task");
    assertThat(hang.get("title").asText()).isEqualTo("INFO: task hung in hwrng_unregister");
    assertThat(hang.get("startLine").asInt()).isEqualTo(7);
    assertThat(hang.get("endLine").asInt()).isEqualTo(27);
    assertThat(hang.get("frames").get(4).asText()).isEqualTo("hwrng_unregister");
    assertThat(hang.get("corrupted").asBoolean()).isFalse();
    assertThat(hang.get("report").asText()).startsWith("[   12.000137] INFO: task sh:93 blocked");
    JsonNode second = Json.mapper().readTree(lines.get(1));
    assertThat(second.get("file").asText()).isEqualTo(clean.toString());
    assertThat(second.get("findings")).isEmpty();
  }

  @Test
  void unreadableFileExitsTwoNamingTheFile() throws IOException {
    Path missing = dir.resolve("missing.log");

    assertThat(run("analyze", "--json", buggy.toString(), missing.toString())).isEqualTo(ExitCodes.INFRA);

    assertThat(err.toString()).contains(missing.toString());
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode failed = Json.mapper().readTree(lines.get(1));
    assertThat(failed.get("file").asText()).isEqualTo(missing.toString());
    assertThat(failed.get("error").asText()).contains(missing.toString());
  }

  @Test
  void aBootDirectoryIsReadAsOneLogAndAReportInBothCountsOnce() throws IOException {
    Path boot = Files.createDirectories(dir.resolve("20261130-003135-qemu-arm64-virt-boot"));
    // the console saw the boot's end only; dmesg has the whole ring buffer, both hold the hang
    Files.writeString(boot.resolve("console.log"), join(stamped(HUNG_TASK, 12), stamped(BOOT_NOISE, 40)));
    Files.writeString(boot.resolve("dmesg.txt"),
        join(stamped(BOOT_NOISE, 3), stamped(HUNG_TASK, 12), stamped(MISSING_RELEASE, 20)));
    Path empty = Files.createDirectories(dir.resolve("not-a-run"));

    assertThat(run("analyze", "--json", boot.toString(), empty.toString())).isEqualTo(ExitCodes.INFRA);

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode found = Json.mapper().readTree(lines.get(0));
    assertThat(found.get("file").asText()).isEqualTo(boot.toString());
    assertThat(found.get("findings")).extracting(f -> f.get("title").asText())
        .containsExactly("INFO: task hung in hwrng_unregister", "WARNING in foo_remove");
    assertThat(Json.mapper().readTree(lines.get(1)).get("error").asText())
        .isEqualTo(empty + ": a directory without console.log or dmesg.txt");
    assertThat(err.toString()).contains(empty.toString());

    out.getBuffer().setLength(0);
    run("analyze", boot.toString());
    assertThat(out.toString()).as("lines are the file's that has the report")
        .contains(boot.resolve("dmesg.txt") + ":7-27: INFO: task hung in hwrng_unregister");
  }
}
