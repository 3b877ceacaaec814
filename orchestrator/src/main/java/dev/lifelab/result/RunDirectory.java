package dev.lifelab.result;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.kernellog.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The history of one plan run on disk: {@code console.log}, {@code dmesg.txt},
 * {@code steps.json}, {@code results.json}, {@code junit.xml}, the plan file. Everything a verdict
 * needs is here, so it can be judged again offline.
 */
public record RunDirectory(Path dir) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  public static final String CONSOLE = "console.log";
  public static final String DMESG = "dmesg.txt";
  public static final String STEPS = "steps.json";
  public static final String RESULTS = "results.json";
  public static final String JUNIT = "junit.xml";
  public static final String PLAN = "plan.yaml";

  /** The default parent of run directories: {@code ./runs}. */
  public static Path defaultBase() {
    return Path.of("runs").toAbsolutePath();
  }

  /** A new directory named by time and what runs, never an existing one. */
  public static RunDirectory create(Path base, String label) {
    String stem = LocalDateTime.now().format(STAMP) + "-" + label.replaceAll("[^A-Za-z0-9._+-]+", "_");
    try {
      Files.createDirectories(base);
      for (int i = 0; ; i++) {
        try {
          return new RunDirectory(Files.createDirectory(base.resolve(i == 0 ? stem : stem + "-" + i)).toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
          // Two runs in one second: take the next suffix.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory under " + base, e);
    }
  }

  public static RunDirectory open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(RESULTS))) {
      throw new UserError(dir + ": not a run directory (no " + RESULTS + ")");
    }
    return new RunDirectory(dir.toAbsolutePath());
  }

  /** A directory holding a console log or dmesg output, for reading its findings. */
  public static RunDirectory withLogs(Path dir) {
    if (!Files.isRegularFile(dir.resolve(CONSOLE)) && !Files.isRegularFile(dir.resolve(DMESG))) {
      throw new UserError(dir + ": a directory without " + CONSOLE + " or " + DMESG);
    }
    return new RunDirectory(dir.toAbsolutePath());
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public String id() {
    return dir.getFileName().toString();
  }

  public void writeSteps(List<StepRecord> steps) {
    Json.write(file(STEPS), steps);
  }

  public List<StepRecord> readSteps() {
    if (!Files.exists(file(STEPS))) {
      return List.of();
    }
    try {
      return Json.mapper().readValue(file(STEPS).toFile(), new TypeReference<List<StepRecord>>() {});
    } catch (IOException e) {
      throw new UserError(file(STEPS) + ": unreadable: " + e.getMessage(), e);
    }
  }

  public void writeResult(RunResult result) {
    Json.write(file(RESULTS), result);
  }

  public RunResult readResult() {
    return Json.read(file(RESULTS), RunResult.class);
  }

  /**
   * Kernel findings of the run, one per title: every report in dmesg, plus reports only the
   * console has (the guest died before dmesg could be read, or the report came after).
   */
  public List<Finding> findings(Function<Path, List<Finding>> analyzer) {
    List<Finding> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : List.of(DMESG, CONSOLE)) {
      Path f = file(name);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      for (Finding finding : analyzer.apply(f)) {
        // A report repeated (the hung-task detector reports a task every interval) counts once.
        String id = identity(finding);
        String title = "title:" + finding.title();
        boolean fresh = !seen.contains(id) && !seen.contains(title);
        seen.add(id);
        seen.add(title);
        if (fresh) {
          all.add(finding.withSource(name));
        }
      }
    }
    return all;
  }

  private static final java.util.regex.Pattern STAMP_IN_LINE = java.util.regex.Pattern.compile("\\[\\s*(\\d+\\.\\d+)\\]");

  /**
   * The same report seen in dmesg and on the console: the kernel's timestamp of its first line
   * identifies it, even when console noise spoiled the console copy's title.
   */
  private static String identity(Finding f) {
    String report = f.report() == null ? "" : f.report();
    int nl = report.indexOf('\n');
    java.util.regex.Matcher m = STAMP_IN_LINE.matcher(nl < 0 ? report : report.substring(0, nl));
    return m.find() ? "t" + m.group(1) : "title:" + f.title();
  }

  /** Hang records of the steps, in step order. */
  public static List<HangRecord> hangs(List<StepRecord> steps) {
    List<HangRecord> hangs = new ArrayList<>();
    for (StepRecord s : steps) {
      if (s.hang() != null) {
        hangs.add(s.hang());
      }
    }
    return hangs;
  }

  /** Judges the recorded history again with {@code analyzer} and rewrites the results. */
  public RunResult rejudge(Function<Path, List<Finding>> analyzer) {
    RunResult old = readResult();
    List<StepRecord> steps = readSteps();
    List<HangRecord> hangs = hangs(steps);
    List<Finding> findings = findings(analyzer);
    Judge.Judgement j = Judge.judge(old.plan(), hangs, findings, old.infraError());
    RunResult updated = new RunResult(old.schema(), old.runId(), old.startedAt(), old.endedAt(), old.host(),
        old.target(), old.kernel(), old.plan(), j.verdict(), j.asExpected(), j.summary(), findings, hangs,
        old.infraError(), steps.stream().map(StepRecord::timing).toList(), old.complete(), dir.toString());
    writeResult(updated);
    return updated;
  }
}
