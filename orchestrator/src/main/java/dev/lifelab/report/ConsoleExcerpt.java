package dev.lifelab.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a run's log around a finding, read from the run directory if it still exists.
 *
 * @param file the log read
 * @param firstLine number of the first line in {@code lines} (1-based)
 * @param lines the text, one entry per line, invalid UTF-8 replaced
 * @param markFrom first line of the finding itself
 * @param markTo last line of the finding itself
 * @param truncated the finding had more lines than shown
 */
public record ConsoleExcerpt(Path file, int firstLine, List<String> lines, int markFrom,
    int markTo, boolean truncated) {
  public static final int CONTEXT = 5;
  public static final int MAX_LINES = 200;
  private static final int MAX_LINE_CHARS = 1000;

  /** The excerpt for {@code p} of a run whose directory is {@code runDir}, if there is one. */
  public static Optional<ConsoleExcerpt> of(String runDir, Problem p) {
    if (runDir == null || p.startLine() <= 0) {
      return Optional.empty();
    }
    Path dir = Path.of(runDir);
    // Only the file name of the finding's source: it must not lead out of the run directory.
    Path file = null;
    if (p.source() != null && Path.of(p.source()).getFileName() != null) {
      Path named = dir.resolve(Path.of(p.source()).getFileName().toString());
      file = Files.isRegularFile(named) ? named : null;
    }
    if (file == null) {
      file = dir.resolve("console.log");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    int end = Math.max(p.startLine(), p.endLine());
    int from = Math.max(1, p.startLine() - CONTEXT);
    int to = end + CONTEXT;
    boolean truncated = to - from + 1 > MAX_LINES;
    if (truncated) {
      to = from + MAX_LINES - 1;
    }
    List<String> lines = new ArrayList<>();
    // InputStreamReader with a Charset replaces malformed bytes instead of failing.
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null && ++n <= to) {
        if (n >= from) {
          lines.add(line.length() > MAX_LINE_CHARS
              ? line.substring(0, MAX_LINE_CHARS) + " [...]" : line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ConsoleExcerpt(file, from, List.copyOf(lines), p.startLine(), end,
        truncated));
  }
}
