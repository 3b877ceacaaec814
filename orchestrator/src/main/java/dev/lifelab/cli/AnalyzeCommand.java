package dev.lifelab.cli;

import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.kernellog.KernelLogAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.lifelab.report.JunitReport;
import dev.lifelab.result.RunDirectory;
import dev.lifelab.result.RunResult;
import dev.lifelab.store.ResultStore;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lifelab analyze}: finds kernel problems in console logs and dmesg output. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Report kernel problems (oops, KASAN, WARNING, hung tasks, ...) found in logs.",
        "Given a run directory, judge the recorded run again (results.json, junit.xml, the store).",
        "Given the directory of `lifelab boot`, read its console.log and dmesg.txt as one log."},
    footer = {"", "Exit status: 0 nothing found, 1 findings, 2 a file could not be read.",
        "For run directories: 0 pass or as expected, 1 findings or hangs, 2 infra error."})
public final class AnalyzeCommand implements Callable<Integer> {
  private static final int FRAMES_SHOWN = 8;

  @Option(names = "--json", description = "One JSON object per input file per line.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Console logs or dmesg output, plain or gzip-compressed, or run or boot directories.")
  List<Path> files;

  @Option(names = "--store", paramLabel = "URL",
      description = "Results store to update when judging run directories (default: the embedded SQLite file).")
  String store;

  @Option(names = "--no-store", description = "Do not update the results store.")
  boolean noStore;

  @Spec CommandSpec spec;

  /**
   * {@code lifelab analyze} without building the other subcommands: the launcher calls this for
   * {@code analyze}, since setting up every command (and the logging some of them start) costs
   * more than analysing a short log. Same options, help, messages and exit codes as through
   * {@link Main}.
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals(ArchiveTraining.OPTION)) {
      ArchiveTraining.run(AnalyzeCommand::simpleCommandLine);
      return;
    }
    // The table is loaded on another core while the command line is set up.
    Thread table = new Thread(() -> {
      try {
        KernelLogAnalyzer.defaultTable();
      } catch (RuntimeException | Error e) {
        // the command asks again and reports it
      }
    }, "lifelab-table");
    table.setDaemon(true);
    table.start();
    Integer simple = simpleCommandLine(args);
    if (simple != null) {
      System.exit(simple);
    }
    CommandSpec lifelab = CommandSpec.create().name("lifelab")
        .versionProvider(new VersionProvider()).mixinStandardHelpOptions(true);
    lifelab.addSubcommand("analyze", new CommandLine(new AnalyzeCommand()));
    CommandLine cmd = Main.configure(new CommandLine(lifelab));
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "analyze";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    System.exit(cmd.execute(withCommand));
  }

  /**
   * Runs the common command line, {@code [--json] FILE...}, without parsing it with picocli,
   * whose setting up takes longer than a short analysis; the exit status, or null when the
   * arguments are anything else (options, argument files) and picocli must read them.
   */
  private static Integer simpleCommandLine(String[] args) {
    AnalyzeCommand command = new AnalyzeCommand();
    command.files = new java.util.ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--json")) {
        command.json = true;
      } else if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
        return null;
      } else {
        command.files.add(Path.of(arg));
      }
    }
    if (command.files.isEmpty()) {
      return null;
    }
    // the writers picocli would make
    PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(System.out, stdoutCharset())), true);
    PrintWriter err = new PrintWriter(new java.io.BufferedWriter(
        new java.io.OutputStreamWriter(System.err, charset(System.getProperty("sun.stderr.encoding")))), true);
    try {
      return command.run(out, err);
    } catch (Exception e) {
      err.println("lifelab: " + UserError.describe(e));
      if (!(e instanceof UserError)) {
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("stack trace", e);
      }
      return ExitCodes.INFRA;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static java.nio.charset.Charset stdoutCharset() {
    return charset(System.getProperty("sun.stdout.encoding"));
  }

  private static java.nio.charset.Charset charset(String name) {
    if (name == null) {
      return java.nio.charset.Charset.defaultCharset();
    }
    try {
      return java.nio.charset.Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
    } catch (RuntimeException e) {
      return java.nio.charset.Charset.defaultCharset();
    }
  }

  @Override
  public Integer call() throws IOException {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private int run(PrintWriter out, PrintWriter err) throws IOException {
    KernelLogAnalyzer analyzer = KernelLogAnalyzer.defaultTable();
    if (!files.isEmpty() && files.stream().allMatch(f -> Files.isDirectory(f) && Files.exists(f.resolve(RunDirectory.RESULTS)))) {
      return rejudge(analyzer, out);
    }
    boolean unreadable = false;
    long findings = 0;
    for (Path file : files) {
      boolean directory = Files.isDirectory(file);
      FileReport report = json ? new JsonReport(out, file) : new TextReport(out, file, directory);
      try {
        if (directory) {
          // what `lifelab boot` leaves: console and dmesg read as one log, a report in both once
          RunDirectory.withLogs(file).findings(analyzer::analyze).forEach(report);
        } else {
          analyzer.analyze(file, report);
        }
        report.finish(null);
      } catch (UserError e) {
        unreadable = true;
        err.println("lifelab: " + e.getMessage());
        report.finish(e.getMessage());
      }
      findings += report.count();
      out.flush();
    }
    if (unreadable) {
      return ExitCodes.INFRA;
    }
    return findings > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** Judges recorded runs again with this analyzer, offline. */
  private int rejudge(KernelLogAnalyzer analyzer, PrintWriter out) {
    List<RunResult> results = new java.util.ArrayList<>();
    try (ResultStore results0 = noStore ? null : ResultStore.open(store)) {
      for (Path dir : files) {
        RunResult r = RunDirectory.open(dir).rejudge(analyzer::analyze);
        JunitReport.writeRuns(List.of(r), dir.resolve(RunDirectory.JUNIT));
        if (results0 != null && results0.get(r.runId()).isPresent()) {
          results0.updateFindings(r.runId(), r.findings(), r.verdict());
        }
        if (json) {
          try {
            out.println(Json.mapper().writeValueAsString(r));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        } else {
          out.print(RunCommand.describe(r));
        }
        results.add(r);
      }
    }
    out.flush();
    return RunCommand.exitCode(results);
  }

  /** Writes the findings of one file as they arrive. */
  private abstract static class FileReport implements Consumer<Finding> {
    private long count;

    @Override
    public final void accept(Finding f) {
      count++;
      write(f);
    }

    long count() {
      return count;
    }

    abstract void write(Finding f);

    /** @param error why the file could not be read, or null */
    abstract void finish(String error) throws IOException;
  }

  private static final class TextReport extends FileReport {
    private final PrintWriter out;
    private final Path file;
    /** A directory's findings name the log inside it that they are in. */
    private final boolean directory;

    TextReport(PrintWriter out, Path file, boolean directory) {
      this.out = out;
      this.file = file;
      this.directory = directory;
    }

    @Override
    void write(Finding f) {
      Path log = directory && f.source() != null ? file.resolve(f.source()) : file;
      out.printf("%s:%d-%d: %s%n", log, f.startLine(), f.endLine(), f.title());
      StringBuilder about = new StringBuilder("    ").append(f.kind());
      if (f.kernelVersion() != null) {
        about.append(", kernel ").append(f.kernelVersion());
      }
      if (f.taint() != null) {
        about.append(", tainted ").append(f.taint());
      }
      if (f.corrupted()) {
        about.append(", corrupted: cut short or mixed with other output");
      }
      out.println(about);
      if (!f.frames().isEmpty()) {
        // from the frame the title names: the reporting and waiting machinery inside it is noise
        int from = titleFrame(f);
        List<String> shown = f.frames().subList(from, Math.min(from + FRAMES_SHOWN, f.frames().size()));
        out.println("    " + (from > 0 ? "(" + from + " inner) " : "") + String.join(" < ", shown)
            + (f.frames().size() > from + shown.size() ? " < ..." : ""));
      }
    }

    /** The index of the first frame the title names as a whole word, or 0. */
    static int titleFrame(Finding f) {
      String title = f.title();
      for (int i = 0; i < f.frames().size(); i++) {
        String frame = f.frames().get(i);
        for (int at = title.indexOf(frame); at >= 0; at = title.indexOf(frame, at + 1)) {
          int end = at + frame.length();
          if (at > 0 && title.charAt(at - 1) == ' '
              && (end == title.length() || !Character.isJavaIdentifierPart(title.charAt(end)))) {
            return i;
          }
        }
      }
      return 0;
    }

    @Override
    void finish(String error) {
      if (error == null && count() == 0) {
        out.printf("%s: no kernel problems found%n", file);
      }
    }
  }

  /**
   * Writes JSON Lines by hand: the same text the shared JSON mapper writes for a {@link Finding}
   * (fields in record order, nulls left out), without the time it takes to set that mapper up.
   */
  private static final class JsonReport extends FileReport {
    private final PrintWriter out;
    private final JsonText json = new JsonText();
    private boolean first = true;

    JsonReport(PrintWriter out, Path file) {
      this.out = out;
      json.raw("{\"file\":").string(file.toString()).raw(",\"findings\":[").writeTo(out);
    }

    @Override
    void write(Finding f) {
      json.clear();
      if (!first) {
        json.raw(",");
      }
      first = false;
      finding(json, f).writeTo(out);
    }

    @Override
    void finish(String error) {
      json.clear();
      json.raw("]");
      if (error != null) {
        json.raw(",\"error\":").string(error);
      }
      json.raw("}\n").writeTo(out);
    }
  }

  /** A finding as a JSON object, as the shared JSON mapper writes it. */
  static JsonText finding(JsonText json, Finding f) {
    json.raw("{\"kind\":").string(f.kind()).raw(",\"title\":").string(f.title());
    if (f.source() != null) {
      json.raw(",\"source\":").string(f.source());
    }
    json.raw(",\"startLine\":").raw(Integer.toString(f.startLine()))
        .raw(",\"endLine\":").raw(Integer.toString(f.endLine()));
    if (f.frames() != null) {
      json.raw(",\"frames\":[");
      for (int i = 0; i < f.frames().size(); i++) {
        json.raw(i > 0 ? "," : "").string(f.frames().get(i));
      }
      json.raw("]");
    }
    if (f.kernelVersion() != null) {
      json.raw(",\"kernelVersion\":").string(f.kernelVersion());
    }
    if (f.taint() != null) {
      json.raw(",\"taint\":").string(f.taint());
    }
    json.raw(",\"corrupted\":").raw(Boolean.toString(f.corrupted()));
    if (f.report() != null) {
      json.raw(",\"report\":").string(f.report());
    }
    return json.raw("}");
  }
}
