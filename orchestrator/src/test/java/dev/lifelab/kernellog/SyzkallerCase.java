package dev.lifelab.kernellog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A test case of syzkaller's report corpus: header lines ({@code TITLE:}, {@code CORRUPTED:}...),
 * a blank line, the console log, and optionally "REPORT:" after a blank line with the expected
 * report text (not part of the log).
 *
 * @param title expected title of the first report, or null when the log holds no report
 */
record SyzkallerCase(String name, String title, boolean corrupted, byte[] log) {

  /**
   * The findings of the log, rewritten first by {@code rewrite}, which sees the log's bytes as
   * Latin-1 chars: each byte one char, given back unchanged.
   */
  List<Finding> findings(KernelLogAnalyzer analyzer, UnaryOperator<String> rewrite) throws IOException {
    byte[] bytes = rewrite.apply(new String(log, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Finding> findings = new ArrayList<>();
    analyzer.analyze(new ByteArrayInputStream(bytes), name, findings::add);
    return findings;
  }

  static Path corpusDir() {
    String shared = System.getProperty("lifelab.shared", "../../shared");
    return Path.of(shared, "kernel-logs", "syzkaller");
  }

  static List<SyzkallerCase> all() throws IOException {
    List<SyzkallerCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpusDir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
          .toList()) {
        cases.add(read(f));
      }
    }
    return cases;
  }

  static SyzkallerCase read(Path file) throws IOException {
    // Latin-1 maps every byte to one char, so the log's bytes come back unchanged.
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    String title = null;
    boolean corrupted = false;
    int i = 0;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        i++;
        break;
      }
      if (line.startsWith("TITLE: ")) {
        title = line.substring("TITLE: ".length());
      } else if (line.equals("CORRUPTED: Y")) {
        corrupted = true;
      }
    }
    StringBuilder log = new StringBuilder();
    boolean previousEmpty = false;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (previousEmpty && line.equals("REPORT:")) {
        break;
      }
      log.append(line).append('\n');
      previousEmpty = line.isEmpty();
    }
    return new SyzkallerCase(file.getFileName().toString(), title == null || title.isEmpty() ? null : title,
        corrupted, log.toString().getBytes(StandardCharsets.ISO_8859_1));
  }
}
