package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.cli.Main;
import dev.lifelab.common.Json;
import dev.lifelab.result.RunResult;
import dev.lifelab.store.ResultStore;
import dev.lifelab.store.StoreQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifelab report} as a user runs it, from run directories to report files. */
class ReportCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private List<String> importArgs(List<RunResult> runs) {
    List<String> args = new ArrayList<>();
    for (RunResult r : runs) {
      args.add("--import");
      args.add(r.runDir());
    }
    return args;
  }

  @Test
  void importsRunDirectoriesAndWritesEveryFormat() throws Exception {
    List<RunResult> runs = ReportFixtures.runs(tmp.resolve("runs"));
    String store = "jdbc:sqlite:" + tmp.resolve("results.db");
    List<String> args = new ArrayList<>(List.of("report", "--store", store,
        "--known-issues", ReportModelTest.REPO_KNOWN_ISSUES.toString(),
        "--html", tmp.resolve("out/report.html").toString(),
        "--markdown", tmp.resolve("out/report.md").toString(),
        "--json", tmp.resolve("out/report.json").toString(),
        "--junit", tmp.resolve("out/junit.xml").toString(),
        "--kcidb", tmp.resolve("out/kcidb.json").toString()));
    args.addAll(importArgs(runs));

    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(out.toString()).contains("qemu-arm64-virt\n  plan \\ kernel")
        .contains("i2c-unbind     pass            HANG");
    for (String f : List.of("report.html", "report.md", "report.json", "junit.xml", "kcidb.json")) {
      assertThat(tmp.resolve("out").resolve(f)).isNotEmptyFile();
    }
    var json = Json.mapper().readTree(tmp.resolve("out/report.json").toFile());
    assertThat(json.get("runs").asInt()).isEqualTo(10);
    assertThat(json.get("changes")).hasSize(3);
    assertThat(json.get("targets").get(0).get("kernels").toString())
        .isEqualTo("[\"6.1.0-47-arm64\",\"6.1.0-50-arm64\"]");
    try (ResultStore rs = ResultStore.open(store)) {
      assertThat(rs.query(StoreQuery.all())).hasSize(10);
    }

    // Reporting again from the store alone, only the second night.
    out.getBuffer().setLength(0);
    assertThat(run("report", "--store", store, "--since", "2026-03-02T00:00:00Z",
        "--known-issues", ReportModelTest.REPO_KNOWN_ISSUES.toString())).isZero();
    assertThat(out.toString()).contains("among 3 run(s)");
  }

  @Test
  void exitCodeOptionFailsOnRegressionsAndNewProblems() throws Exception {
    List<RunResult> runs = ReportFixtures.runs(tmp.resolve("runs"));
    List<String> args = new ArrayList<>(List.of("report", "--store",
        tmp.resolve("r.db").toString(), "--exit-code"));
    args.addAll(importArgs(runs));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
    assertThat(run("report", "--store", tmp.resolve("empty.db").toString(), "--exit-code"))
        .isZero();
    assertThat(out.toString()).contains("no runs");
  }

  @Test
  void badInputIsAUserErrorWithExitCodeTwo() throws Exception {
    Path bad = tmp.resolve("known.yaml");
    Files.writeString(bad, "issues:\n  - id: x\n    titel: y\n");
    assertThat(run("report", "--store", tmp.resolve("r.db").toString(), "--known-issues",
        bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(bad + ":3:5: issues[0].titel: unknown field 'titel'");

    assertThat(run("report", "--store", tmp.resolve("r.db").toString(), "--since", "yesterday"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--since 'yesterday'");

    assertThat(run("report", "--store", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot open results store");
  }
}
