package dev.lifelab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifelab analyze}: finds kernel problems in console logs and dmesg output. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Report kernel problems (oops, KASAN, WARNING, hung tasks, ...) found in logs.")
public final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = "--json", description = "One JSON object per input file per line.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Console logs or dmesg output.")
  List<Path> files;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("not yet");
  }
}
