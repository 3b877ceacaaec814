package dev.lifelab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code lifelab} command line. */
@Command(
    name = "lifelab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Hardware-in-the-loop tests for Linux device-lifetime bugs.")
public final class Main implements Runnable {
  /** The subcommands, by the name their {@code @Command} gives, in the order help lists them. */
  static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("analyze", AnalyzeCommand.class);
    SUBCOMMANDS.put("boot", BootCommand.class);
    SUBCOMMANDS.put("run", RunCommand.class);
    SUBCOMMANDS.put("report", ReportCommand.class);
    SUBCOMMANDS.put("demo", DemoCommand.class);
    SUBCOMMANDS.put("kernel", KernelCommand.class);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    int code = newCommandLine(args).execute(args);
    dev.lifelab.ssh.SshShell.stopClient();
    System.exit(code);
  }

  /** The configured command line with every subcommand, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name, with that one
   * only. picocli reads a command's annotations when it is added, which took ~55 ms for all of
   * them at every start.
   */
  static CommandLine newCommandLine(String[] args) {
    CommandLine cmd = new CommandLine(new Main());
    Class<?> named = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
    if (named != null) {
      cmd.addSubcommand(named);
    } else {
      SUBCOMMANDS.values().forEach(cmd::addSubcommand);
    }
    return configure(cmd);
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
