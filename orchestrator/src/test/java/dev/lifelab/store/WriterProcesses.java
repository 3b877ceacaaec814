package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.result.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts writer JVMs against one store, waits for them and checks that nothing was lost. */
final class WriterProcesses {
  private WriterProcesses() {}

  /** Runs {@code processes} JVMs writing {@code runsEach} runs each; returns their outputs. */
  static List<String> run(String url, int processes, int runsEach, Path logDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long startAt = System.currentTimeMillis() + 3000; // JVM start-up takes a while on 2 cores
    List<Process> started = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      Path log = logDir.resolve("writer-" + p + ".log");
      logs.add(log);
      started.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          StoreWriterProcess.class.getName(), url, "w" + p, Integer.toString(runsEach),
          Long.toString(startAt))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start());
    }
    List<String> outputs = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      Process proc = started.get(p);
      boolean done = proc.waitFor(5, TimeUnit.MINUTES);
      String out = Files.readString(logs.get(p), StandardCharsets.UTF_8);
      if (!done) {
        proc.destroyForcibly();
      }
      assertThat(done).as("writer %d finished in time; output:%n%s", p, out).isTrue();
      assertThat(proc.exitValue()).as("writer %d exit code; output:%n%s", p, out).isZero();
      outputs.add(out);
    }
    return outputs;
  }

  /** Every run of every writer is there, complete, with all of its findings. */
  static void assertNothingLost(List<RunResult> runs, int processes, int runsEach) {
    Map<String, RunResult> byId = new TreeMap<>();
    for (RunResult r : runs) {
      byId.put(r.runId(), r);
    }
    List<String> expected = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      for (int i = 0; i < runsEach; i++) {
        expected.add("w" + p + "-" + i);
      }
    }
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    for (RunResult r : byId.values()) {
      assertThat(r.complete()).as("%s complete", r.runId()).isTrue();
      assertThat(r.findings()).as("%s findings", r.runId())
          .hasSize(StoreWriterProcess.FINDINGS_PER_RUN);
      String suffix = r.runId().replace('-', '_');
      assertThat(r.findings().stream().map(f -> f.title()).collect(Collectors.toList()))
          .allSatisfy(t -> assertThat(t).startsWith("WARNING in " + suffix + "_"));
    }
  }
}
