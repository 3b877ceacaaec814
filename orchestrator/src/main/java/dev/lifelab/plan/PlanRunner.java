package dev.lifelab.plan;

import dev.lifelab.common.Durations;
import dev.lifelab.common.Json;
import dev.lifelab.kernel.KernelImage;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.plan.step.Step;
import dev.lifelab.result.HangRecord;
import dev.lifelab.result.Judge;
import dev.lifelab.result.KernelInfo;
import dev.lifelab.result.PlanInfo;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.StepRecord;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetLauncher;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan on a freshly booted target and records everything in a run directory: boot,
 * device resolution, each step with its timeout (a blocked step becomes a recorded hang and the
 * plan goes on), dmesg, then findings and verdict from the recorded history.
 */
public final class PlanRunner {
  private static final Logger log = LoggerFactory.getLogger(PlanRunner.class);
  /** How long to wait at the end for hung commands to return. */
  private static final Duration HANG_GRACE = Duration.ofSeconds(15);
  private static final Duration DEATH_GRACE = Duration.ofSeconds(5);

  private final TargetSpec target;
  private final String kernelSpec;
  private final Path modules;
  private final Path outBase;
  private final Function<Path, List<Finding>> analyzer;
  private final Function<List<String>, String> guiltyFrame;
  private Consumer<RunResult> onStart = r -> { };

  public PlanRunner(TargetSpec target, String kernelSpec, Path modules, Path outBase,
      Function<Path, List<Finding>> analyzer, Function<List<String>, String> guiltyFrame) {
    this.target = target;
    this.kernelSpec = kernelSpec;
    this.modules = modules;
    this.outBase = outBase;
    this.analyzer = analyzer;
    this.guiltyFrame = guiltyFrame;
  }

  /** Called with the incomplete result as soon as the run directory exists (results store). */
  public PlanRunner onStart(Consumer<RunResult> listener) {
    this.onStart = listener;
    return this;
  }

  public RunResult run(PlanFile planFile) {
    Plan plan = planFile.plan();
    String kernelLabel = kernelSpec.replaceAll(".*/", "");
    RunDirectory run = RunDirectory.create(outBase, plan.name() + "-" + target.name() + "-" + kernelLabel);
    Instant started = Instant.now();
    try {
      Files.copy(planFile.file(), run.file(RunDirectory.PLAN), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("cannot copy plan into {}: {}", run.dir(), e.getMessage());
    }
    TargetInfo targetInfo = new TargetInfo(target.name(), target.kind(), null, null);
    PlanInfo planInfo = new PlanInfo(plan.name(), planFile.file().toString(), planFile.hash(), null, null);
    KernelInfo kernelInfo = new KernelInfo(kernelSpec, null, null, target.arch().kernelName(), null, null);
    RunResult incomplete = new RunResult(RunResult.SCHEMA, run.id(), started, null, host(), targetInfo,
        kernelInfo, planInfo, null, null, "running", List.of(), List.of(), null, List.of(), false, run.dir().toString());
    run.writeResult(incomplete);
    onStart.accept(incomplete);

    List<StepRecord> steps = new ArrayList<>();
    String infraError = null;
    TargetLauncher launcher = TargetLauncher.of(target).kernel(kernelSpec).modules(modules).runDir(run.dir())
        .extraModules(modulesOf(plan));
    try {
      KernelImage kernel = launcher.resolveKernel();
      kernelInfo = new KernelInfo(kernelSpec, kernel.release(), null, target.arch().kernelName(),
          kernel.configHash(), kernel.source());
      List<String> missing = KernelConfigCheck.missing(kernel, plan.requires());
      if (!missing.isEmpty()) {
        infraError = "kernel " + kernel.release() + " lacks " + String.join(", ", missing)
            + " (needed by plan " + plan.name() + ")";
      } else {
        try (Target t = launcher.start()) {
          targetInfo = t.info();
          Json.write(run.file("timings.json"), Map.of("boot", t.timings()));
          String version = uname(t.shell());
          kernelInfo = new KernelInfo(kernelSpec, kernel.release(), version, target.arch().kernelName(),
              kernel.configHash(), kernel.source());
          infraError = runSteps(plan, t, run, steps);
          saveDmesg(t, run);
        }
      }
    } catch (TargetStartException e) {
      infraError = e.getMessage();
    }
    Expectation exp = plan.expectationFor(kernelInfo.upstreamVersion());
    planInfo = new PlanInfo(plan.name(), planFile.file().toString(), planFile.hash(),
        exp == null ? null : exp.verdict(), exp == null ? null : exp.in());
    List<HangRecord> hangs = RunDirectory.hangs(steps);
    List<Finding> findings = run.findings(analyzer);
    Judge.Judgement j = Judge.judge(planInfo, hangs, findings, infraError);
    RunResult result = new RunResult(RunResult.SCHEMA, run.id(), started, Instant.now(), host(), targetInfo,
        kernelInfo, planInfo, j.verdict(), j.asExpected(), j.summary(), findings, hangs, infraError,
        steps.stream().map(StepRecord::timing).toList(), true, run.dir().toString());
    run.writeResult(result);
    return result;
  }

  /** Runs the steps; returns why the plan could not go on, or null. */
  private String runSteps(Plan plan, Target t, RunDirectory run, List<StepRecord> steps) {
    Map<String, ResolvedDevice> devices;
    InfrastructureGuard guard;
    try {
      guard = infrastructure(t);
      devices = DeviceResolver.resolve(plan.devices(), t.shell());
    } catch (DeviceResolver.NotFound e) {
      return e.getMessage();
    } catch (ShellException e) {
      return "cannot read the target's devices: " + e.getMessage();
    }
    Json.write(run.file("devices.json"), devices);
    Observer observer = new Observer(t);
    // Opened now, so that evidence of a hang is not delayed by an SSH handshake.
    observer.get();
    StepContext ctx = new StepContext(t.shell(), observer, devices, guard, guiltyFrame);
    String stopped = null;
    try {
      List<Step> all = plan.allSteps();
      int main = plan.steps().size();
      for (int i = 0; i < all.size(); i++) {
        Step step = all.get(i);
        if (!t.isAlive() || (stopped != null && i < main)) {
          steps.add(new StepRecord(i, step.type(), step.describe(), null, Map.of(), null, null, null, null, null,
              null, StepRecord.SKIPPED, t.isAlive() ? "after: " + stopped : t.deathReason(), null));
          continue;
        }
        log.info("{} {}: {}", i < main ? "step" : "cleanup step", i, step.describe());
        StepRecord rec = step.run(i, ctx);
        steps.add(rec);
        run.writeSteps(steps);
        if (rec.hang() != null) {
          log.info("step {} hung in {}; evidence after {}", i, rec.hang().blockedIn(),
              Durations.format(Duration.between(rec.hang().timedOutAt(), rec.hang().evidenceAt())));
        }
        if (StepRecord.ERROR.equals(rec.status()) && !t.shell().isOpen()) {
          awaitDeath(t);
        }
        if ((StepRecord.ERROR.equals(rec.status()) || StepRecord.FAILED.equals(rec.status())) && stopped == null) {
          stopped = "step " + i + " (" + step.describe() + ") " + rec.status() + ": " + rec.note()
              + (t.isAlive() ? "" : "; " + t.deathReason());
        }
      }
      // Holders still open are closed, so that blocked commands waiting for them can return.
      for (Holder h : ctx.holders().values()) {
        h.process().closeInput();
      }
      for (PendingCommand p : ctx.pending()) {
        p.awaitReturn(t.isAlive() ? HANG_GRACE : Duration.ZERO);
      }
    } finally {
      for (PendingCommand p : ctx.pending()) {
        steps.set(indexOf(steps, p.step()), steps.get(indexOf(steps, p.step())).withHang(p.record()));
        p.close();
      }
      run.writeSteps(steps);
      observer.close();
    }
    return stopped;
  }

  /**
   * A lost connection is most often a dying guest whose end is not yet visible (QEMU exits, or
   * the console shows the panic, a moment later): the records then name the death rather than
   * the lost connection.
   */
  private static void awaitDeath(Target t) {
    long deadline = System.nanoTime() + DEATH_GRACE.toNanos();
    while (t.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int indexOf(List<StepRecord> steps, int step) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).index() == step) {
        return i;
      }
    }
    throw new IllegalStateException("no step " + step);
  }

  /** The real sysfs paths of the devices the run depends on. */
  private static InfrastructureGuard infrastructure(Target t) throws ShellException {
    Map<String, String> carriers = new LinkedHashMap<>();
    for (String path : t.spec().infrastructure()) {
      CommandResult r = t.shell().run("readlink -f " + ShellQuote.quote(path + "/device") + " 2>/dev/null || readlink -f "
          + ShellQuote.quote(path), Duration.ofSeconds(10));
      String real = r.stdout().trim();
      if (!real.isEmpty()) {
        carriers.put(real, path);
      }
    }
    return new InfrastructureGuard(carriers);
  }

  private static String uname(Shell shell) {
    try {
      return shell.run("uname -v", Duration.ofSeconds(10)).stdout().trim();
    } catch (ShellException e) {
      return null;
    }
  }

  private static void saveDmesg(Target t, RunDirectory run) {
    if (!t.isAlive()) {
      return;
    }
    try (Shell s = t.shell().fresh()) {
      CommandResult d = s.run("dmesg", Duration.ofSeconds(30));
      Files.writeString(run.file(RunDirectory.DMESG), d.stdout());
    } catch (ShellException | IOException e) {
      log.warn("no dmesg: {} (the console log has what the kernel printed)", e.getMessage());
    }
  }

  private static List<String> modulesOf(Plan plan) {
    List<String> all = new ArrayList<>(plan.requires().modules());
    for (Step s : plan.steps()) {
      s.modules().stream().filter(m -> !all.contains(m)).forEach(all::add);
    }
    return all;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The second connection for evidence, opened at the first need and kept. */
  private static final class Observer implements StepContext.ObserverShell {
    private final Target target;
    private Shell shell;

    Observer(Target target) {
      this.target = target;
    }

    @Override
    public synchronized Shell get() {
      if (shell == null) {
        try {
          shell = target.shell().fresh();
        } catch (ShellException e) {
          shell = target.shell();
        }
      }
      return shell;
    }

    synchronized void close() {
      if (shell != null && shell != target.shell()) {
        shell.close();
      }
    }
  }
}
