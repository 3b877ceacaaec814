package dev.lifelab.cli;

import dev.lifelab.common.Json;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.ShellException;
import dev.lifelab.target.Target;
import dev.lifelab.target.TargetLauncher;
import dev.lifelab.target.TargetSpec;
import dev.lifelab.target.TargetStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifelab boot}: boots a target with a kernel, runs one command over SSH, powers off. */
@Command(name = "boot", mixinStandardHelpOptions = true,
    description = {"Boot a target with a kernel, run a command over SSH, power off.",
        "Leaves console.log, dmesg.txt and timings.json in a run directory."})
public final class BootCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(names = "--timeout", defaultValue = "60s", description = "Time limit of the command (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "Command to run on the target (default: uname -a).")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    TargetSpec spec = where.spec();
    String cmd = command == null || command.isEmpty() ? "uname -a" : String.join(" ", command);
    Duration limit = dev.lifelab.common.Durations.parse(timeout);
    Path runDir = RunDirectory.create(where.outBase(),
        spec.name() + "-boot").dir();
    Map<String, Object> timings = new LinkedHashMap<>();
    TargetLauncher launcher = TargetLauncher.of(spec).kernel(where.kernel).modules(where.modules).runDir(runDir);
    try (Target t = launcher.start()) {
      timings.put("boot", t.timings());
      Instant start = Instant.now();
      CommandResult r;
      try {
        r = t.shell().run(cmd, limit);
      } catch (ShellException e) {
        String why = t.isAlive() ? e.getMessage() : e.getMessage() + "; " + t.deathReason();
        System.err.println("lifelab: " + why + " [console: " + t.console().log() + "]");
        return ExitCodes.INFRA;
      } finally {
        timings.put("command", Map.of("command", cmd, "start", start,
            "millis", Duration.between(start, Instant.now()).toMillis()));
        Json.write(runDir.resolve("timings.json"), timings);
      }
      saveDmesg(t, runDir);

      System.out.print(r.stdout());
      System.err.print(r.stderr());
      System.err.println("lifelab: run directory " + runDir);
      return r.exitCode();
    } catch (TargetStartException e) {
      Json.write(runDir.resolve("timings.json"), timings);
      System.err.println("lifelab: " + e.getMessage());
      return ExitCodes.INFRA;
    }
  }

  static void saveDmesg(Target t, Path runDir) {
    try {
      CommandResult d = t.shell().run("dmesg", Duration.ofSeconds(30));
      Files.writeString(runDir.resolve("dmesg.txt"), d.stdout());
    } catch (Exception e) {
      // The console log still holds what the kernel printed.
    }
  }
}
