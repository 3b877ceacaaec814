package dev.lifelab.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a report says about a set of stored runs, computed once and rendered as HTML, Markdown,
 * text, JSON, JUnit or KCIDB.
 *
 * @param generatedAt when the report was made
 * @param store the store the runs came from, for the heading
 * @param since start of the time window, or null for all runs
 * @param runs number of runs in the window
 * @param targets one matrix per target, by target name
 * @param changes regressions first, then fixes
 * @param problems problems grouped by signature and known issue, new ones first
 * @param all every run of the window, oldest first
 */
public record ReportModel(
    Instant generatedAt,
    String store,
    Instant since,
    int runs,
    List<TargetMatrix> targets,
    List<Change> changes,
    List<ProblemGroup> problems,
    @JsonIgnore List<RunResult> all) {

  /** Plans × kernel versions of one target. {@code rows} follow {@code plans}, cells {@code kernels}. */
  public record TargetMatrix(String target, List<String> kernels, List<String> plans,
      List<List<Cell>> rows) {
    /** The cell of a plan and kernel, or null when that pair never ran. */
    public Cell cell(String plan, String kernel) {
      int p = plans.indexOf(plan);
      int k = kernels.indexOf(kernel);
      return p < 0 || k < 0 ? null : rows.get(p).get(k);
    }
  }

  /**
   * The latest complete run of a plan on one kernel of a target.
   *
   * @param verdict its verdict, or null when no run of this cell completed
   * @param titles titles of its problems (findings and hangs)
   * @param newTitles those of them that no known issue explains
   * @param hangIn function the first hang was blocked in, or null
   * @param runs runs in the window for this cell, complete or not
   * @param history verdicts of the complete runs, oldest first
   */
  public record Cell(String target, String plan, String kernel, String runId, Verdict verdict,
      List<String> titles, List<String> newTitles, String hangIn, int runs,
      List<Verdict> history, @JsonIgnore RunResult latest) {
    /** Complete runs of this cell disagreed: some passed, some did not. */
    @JsonProperty("flaky")
    public boolean flaky() {
      return history.contains(Verdict.PASS)
          && history.stream().anyMatch(Verdict::isKernelProblem);
    }
  }

  /** A plan went from pass to fail/hang (regression) or back (fix). */
  public enum ChangeKind { REGRESSION, FIX }

  /**
   * @param between {@code kernel}: from an older to a newer kernel version; {@code rerun}: from
   *     one run to the next on the same kernel
   */
  public record Change(ChangeKind kind, String between, String target, String plan,
      String fromKernel, String toKernel, Verdict fromVerdict, Verdict toVerdict,
      String fromRunId, String toRunId, List<String> titles) {}

  /** Where a problem was seen. */
  public record Occurrence(String runId, String target, String plan, String kernel,
      Instant startedAt, String runDir, Problem problem, @JsonIgnore RunResult run) {}

  /**
   * One problem signature, with the known issue that explains it (or none: a new problem).
   * {@code occurrences} are newest first.
   */
  public record ProblemGroup(String signature, String title, String kind, KnownIssue known,
      List<Occurrence> occurrences) {
    public boolean isNew() {
      return known == null;
    }
  }

  /** Builds the model from runs (any order) of the report's time window. */
  public static ReportModel build(List<RunResult> runs, KnownIssues knownIssues, String store,
      Instant since, Instant generatedAt) {
    List<RunResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparing(ReportModel::time).thenComparing(RunResult::runId));
    return new ReportModel(generatedAt, store, since, runs.size(),
        matrices(sorted, knownIssues), changes(sorted), groups(sorted, knownIssues),
        List.copyOf(sorted));
  }

  /** Runs still going or interrupted. */
  public List<RunResult> incomplete() {
    return all.stream().filter(r -> !r.complete()).toList();
  }

  public List<Change> regressions() {
    return changes.stream().filter(c -> c.kind() == ChangeKind.REGRESSION).toList();
  }

  public List<Change> fixes() {
    return changes.stream().filter(c -> c.kind() == ChangeKind.FIX).toList();
  }

  public List<ProblemGroup> newProblems() {
    return problems.stream().filter(ProblemGroup::isNew).toList();
  }

  public List<ProblemGroup> knownProblems() {
    return problems.stream().filter(g -> !g.isNew()).toList();
  }

  static String targetOf(RunResult r) {
    return r.target() == null || r.target().name() == null ? "(unknown target)" : r.target().name();
  }

  static String planOf(RunResult r) {
    return r.plan() == null || r.plan().name() == null ? "(unknown plan)" : r.plan().name();
  }

  /** The kernel column: {@code uname -r}, else what the user asked for. */
  static String kernelOf(RunResult r) {
    if (r.kernel() == null) {
      return "(unknown kernel)";
    }
    return r.kernel().release() != null ? r.kernel().release()
        : Objects.requireNonNullElse(r.kernel().spec(), "(unknown kernel)");
  }

  private static Instant time(RunResult r) {
    return r.startedAt() != null ? r.startedAt() : Instant.EPOCH;
  }

  private static List<TargetMatrix> matrices(List<RunResult> sorted, KnownIssues known) {
    Map<String, List<RunResult>> byTarget = new TreeMap<>();
    for (RunResult r : sorted) {
      byTarget.computeIfAbsent(targetOf(r), k -> new ArrayList<>()).add(r);
    }
    List<TargetMatrix> out = new ArrayList<>();
    for (var e : byTarget.entrySet()) {
      TreeSet<String> kernels = new TreeSet<>(VersionOrder.INSTANCE);
      TreeSet<String> plans = new TreeSet<>();
      for (RunResult r : e.getValue()) {
        kernels.add(kernelOf(r));
        plans.add(planOf(r));
      }
      List<String> kernelList = List.copyOf(kernels);
      List<String> planList = List.copyOf(plans);
      List<List<Cell>> rows = new ArrayList<>();
      for (String plan : planList) {
        List<Cell> row = new ArrayList<>();
        for (String kernel : kernelList) {
          List<RunResult> cellRuns = e.getValue().stream()
              .filter(r -> planOf(r).equals(plan) && kernelOf(r).equals(kernel)).toList();
          row.add(cellRuns.isEmpty() ? null : cell(e.getKey(), plan, kernel, cellRuns, known));
        }
        rows.add(Collections.unmodifiableList(row));
      }
      out.add(new TargetMatrix(e.getKey(), kernelList, planList, List.copyOf(rows)));
    }
    return out;
  }

  private static Cell cell(String target, String plan, String kernel, List<RunResult> runs,
      KnownIssues known) {
    List<RunResult> complete = runs.stream().filter(RunResult::complete).toList();
    List<Verdict> history = complete.stream().map(RunResult::verdict)
        .filter(Objects::nonNull).toList();
    if (complete.isEmpty()) {
      RunResult last = runs.get(runs.size() - 1);
      return new Cell(target, plan, kernel, last.runId(), null, List.of(), List.of(), null,
          runs.size(), history, last);
    }
    RunResult latest = complete.get(complete.size() - 1);
    List<String> titles = new ArrayList<>();
    List<String> newTitles = new ArrayList<>();
    String hangIn = null;
    for (Problem p : Problem.of(latest)) {
      titles.add(p.title());
      if (known.match(p, target, plan, kernel).isEmpty()) {
        newTitles.add(p.title());
      }
      if (hangIn == null && p.hangIn() != null) {
        hangIn = p.hangIn();
      }
    }
    return new Cell(target, plan, kernel, latest.runId(), latest.verdict(), titles, newTitles,
        hangIn, runs.size(), history, latest);
  }

  private static List<Change> changes(List<RunResult> sorted) {
    // target -> plan -> kernel (natural order) -> complete runs with a kernel verdict, oldest first
    Map<String, Map<String, TreeMap<String, List<RunResult>>>> tree = new TreeMap<>();
    for (RunResult r : sorted) {
      if (!r.complete() || r.verdict() == null || r.verdict() == Verdict.INFRA_ERROR) {
        continue; // an infra error says nothing about the kernel
      }
      tree.computeIfAbsent(targetOf(r), k -> new TreeMap<>())
          .computeIfAbsent(planOf(r), k -> new TreeMap<>(VersionOrder.INSTANCE))
          .computeIfAbsent(kernelOf(r), k -> new ArrayList<>())
          .add(r);
    }
    List<Change> out = new ArrayList<>();
    tree.forEach((target, plans) -> plans.forEach((plan, kernels) -> {
      RunResult previous = null;
      for (List<RunResult> onKernel : kernels.values()) {
        RunResult latest = onKernel.get(onKernel.size() - 1);
        if (previous != null) {
          change(previous, latest, "kernel").ifPresent(out::add);
        }
        previous = latest;
      }
      for (List<RunResult> onKernel : kernels.values()) {
        if (onKernel.size() >= 2) {
          change(onKernel.get(onKernel.size() - 2), onKernel.get(onKernel.size() - 1), "rerun")
              .ifPresent(out::add);
        }
      }
    }));
    out.sort(Comparator.comparing(Change::kind).thenComparing(Change::target)
        .thenComparing(Change::plan)
        .thenComparing(Change::toKernel, VersionOrder.INSTANCE));
    return List.copyOf(out);
  }

  private static Optional<Change> change(RunResult from, RunResult to, String between) {
    boolean wasPass = from.verdict() == Verdict.PASS;
    boolean isPass = to.verdict() == Verdict.PASS;
    if (wasPass == isPass) {
      return Optional.empty();
    }
    RunResult failing = isPass ? from : to;
    List<String> titles = Problem.of(failing).stream().map(Problem::title).toList();
    return Optional.of(new Change(isPass ? ChangeKind.FIX : ChangeKind.REGRESSION,
        between, targetOf(to), planOf(to), kernelOf(from), kernelOf(to), from.verdict(),
        to.verdict(), from.runId(), to.runId(), titles));
  }

  private static List<ProblemGroup> groups(List<RunResult> sorted, KnownIssues known) {
    record Key(String signature, String knownId) {}
    Map<Key, List<Occurrence>> occurrences = new LinkedHashMap<>();
    Map<Key, KnownIssue> issues = new LinkedHashMap<>();
    Map<Key, Problem> first = new LinkedHashMap<>();
    for (RunResult r : sorted) {
      String target = targetOf(r);
      String plan = planOf(r);
      String kernel = kernelOf(r);
      for (Problem p : Problem.of(r)) {
        KnownIssue issue = known.match(p, target, plan, kernel).orElse(null);
        Key key = new Key(p.signature(), issue == null ? null : issue.id());
        occurrences.computeIfAbsent(key, k -> new ArrayList<>()).add(new Occurrence(
            r.runId(), target, plan, kernel, r.startedAt(), r.runDir(), p, r));
        issues.putIfAbsent(key, issue);
        first.putIfAbsent(key, p);
      }
    }
    List<ProblemGroup> out = new ArrayList<>();
    occurrences.forEach((key, list) -> {
      Collections.reverse(list); // runs were visited oldest first
      out.add(new ProblemGroup(key.signature(), first.get(key).title(), first.get(key).kind(),
          issues.get(key), List.copyOf(list)));
    });
    out.sort(Comparator.comparing((ProblemGroup g) -> !g.isNew())
        .thenComparing(g -> -g.occurrences().size())
        .thenComparing(ProblemGroup::title));
    return List.copyOf(out);
  }
}
