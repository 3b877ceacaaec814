package dev.lifelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lifelab} command line. */
@Command(
    name = "lifelab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Hardware-in-the-loop tests for Linux device-lifetime bugs.",
    subcommands = {
      AnalyzeCommand.class,
      BootCommand.class,
      RunCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      KernelCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    int code = newCommandLine().execute(args);
    dev.lifelab.ssh.SshShell.stopClient();
    System.exit(code);
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    return configure(new CommandLine(new Main()));
  }

  /** Exit codes and error messages of every lifelab command line. */
  static CommandLine configure(CommandLine cmd) {
    // Exit code 2 for bad usage and for unexpected errors: 1 is reserved for "findings".
    cmd.setExitCodeExceptionMapper(t -> ExitCodes.INFRA);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine().getErr().println("lifelab: " + ex.getMessage());
          ex.getCommandLine().usage(ex.getCommandLine().getErr());
          return ExitCodes.INFRA;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          c.getErr().println("lifelab: " + dev.lifelab.common.UserError.describe(ex));
          if (!(ex instanceof dev.lifelab.common.UserError)) {
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("stack trace", ex);
          }
          return ExitCodes.INFRA;
        });
    return cmd;
  }
}
