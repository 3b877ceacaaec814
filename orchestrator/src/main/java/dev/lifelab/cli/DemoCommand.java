package dev.lifelab.cli;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.host.HostSetup;
import dev.lifelab.kernel.Arch;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.kernel.Kernels;
import dev.lifelab.kernellog.BlockedTaskStack;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import dev.lifelab.plan.KernelConfigCheck;
import dev.lifelab.plan.PlanFile;
import dev.lifelab.plan.PlanRunner;
import dev.lifelab.report.HtmlReport;
import dev.lifelab.report.JunitReport;
import dev.lifelab.report.KnownIssues;
import dev.lifelab.report.ReportModel;
import dev.lifelab.report.TextReport;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.store.ResultStore;
import dev.lifelab.store.StoreQuery;
import dev.lifelab.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifelab demo}: the whole loop on this machine. Sets up the host, runs every shipped plan
 * on its QEMU targets with Debian's 6.1 and 6.12 kernels (plans that need options stock kernels
 * lack run on debug builds instead), records into the store and writes the HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run every shipped plan on its QEMU targets with Debian 6.1 and 6.12 kernels and debug "
        + "builds, record the results and write an HTML report.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--kernels", split = ",", defaultValue = "debian:6.1,debian:6.12",
      description = "Stock kernels (default: ${DEFAULT-VALUE}).")
  List<String> kernels;

  @Option(names = "--debug-kernels", split = ",", defaultValue = "debian-src:6.1,debian-src:6.12",
      description = "Debug kernels built from source, for arm64 targets (default: ${DEFAULT-VALUE}); 'none' for none.")
  List<String> debugKernels;

  @Option(names = "--plans", split = ",", description = "Only these plans (default: every plan in testplans/).")
  List<String> only;

  @Option(names = "--out", description = "Parent of the run directories (default: ./runs).")
  Path out;

  @Option(names = "--store", paramLabel = "URL", description = "Results store (default: the embedded SQLite file).")
  String store;

  @Option(names = "--html", defaultValue = "lifelab-report.html", description = "HTML report (default: ${DEFAULT-VALUE}).")
  Path html;

  @Option(names = "--skip-setup", description = "Do not check the host's packages.")
  boolean skipSetup;

  private record Job(PlanFile plan, TargetSpec target, String kernel) {}

  @Override
  public Integer call() throws IOException {
    Instant start = Instant.now();
    if (!skipSetup) {
      say(start, "checking the host's packages (scripts/setup-host.sh)");
      HostSetup.ensure();
    }
    List<Job> jobs = plan(start);
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    List<RunResult> results = new ArrayList<>();
    try (ResultStore results0 = ResultStore.open(store)) {
      for (int i = 0; i < jobs.size(); i++) {
        Job job = jobs.get(i);
        say(start, String.format("[%d/%d] %s on %s with %s", i + 1, jobs.size(), job.plan().plan().name(),
            job.target().name(), job.kernel()));
        PlanRunner runner = new PlanRunner(job.target(), job.kernel(), null,
            out == null ? RunDirectory.defaultBase() : out, analyzer::analyze,
            stack -> BlockedTaskStack.guiltyFrame(analyzer, stack)).onStart(results0::recordStarted);
        RunResult r = runner.run(job.plan());
        JunitReport.writeRuns(List.of(r), Path.of(r.runDir()).resolve(RunDirectory.JUNIT));
        results0.recordFinished(r);
        results.add(r);
        System.out.print(RunCommand.describe(r));
      }
      List<RunResult> stored = results0.query(StoreQuery.all());
      Path known = Project.home().resolve("known-issues.yaml");
      ReportModel model = ReportModel.build(stored, Files.exists(known) ? KnownIssues.load(known) : KnownIssues.none(),
          results0.displayName(), null, Instant.now());
      HtmlReport.write(model, html);
      System.out.println();
      System.out.print(TextReport.matrix(model));
      System.out.println();
      say(start, "done: " + results.size() + " runs; store " + results0.displayName());
      System.out.println("HTML report: " + html.toAbsolutePath());
    }
    return RunCommand.exitCode(results);
  }

  /** Which plan runs where: stock kernels when they have what the plan needs, else debug builds. */
  private List<Job> plan(Instant start) throws IOException {
    List<PlanFile> plans = new ArrayList<>();
    try (Stream<Path> files = Files.list(Project.home().resolve("testplans"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        PlanFile pf = PlanFile.load(f);
        if (only == null || only.contains(pf.plan().name())) {
          plans.add(pf);
        }
      }
    }
    List<Job> jobs = new ArrayList<>();
    for (PlanFile pf : plans) {
      for (String targetName : pf.plan().targets()) {
        TargetSpec target = TargetSpec.load(Project.named("targets", targetName, ".yaml"));
        if (!target.kind().equals("qemu")) {
          continue;
        }
        for (String k : kernels) {
          say(start, "kernel " + k + " for " + target.arch() + " (fetched once, then cached)");
          KernelImage image = Kernels.resolve(k, target.arch());
          List<String> missing = KernelConfigCheck.missing(image, pf.plan().requires());
          if (missing.isEmpty()) {
            jobs.add(new Job(pf, target, k));
          } else {
            say(start, pf.plan().name() + " needs " + String.join(", ", missing) + ": not on " + image.release()
                + ", on the debug builds");
          }
        }
        if (target.arch() == Arch.ARM64 && !debugKernels.contains("none")) {
          for (String k : debugKernels) {
            jobs.add(new Job(pf, target, k));
          }
        }
      }
    }
    if (jobs.isEmpty()) {
      throw new UserError("nothing to run: no plan in testplans/ names a QEMU target");
    }
    return jobs;
  }

  private static void say(Instant start, String what) {
    Duration d = Duration.between(start, Instant.now());
    System.out.printf("[%02d:%02d] %s%n", d.toMinutes(), d.toSecondsPart(), what);
    System.out.flush();
  }
}
