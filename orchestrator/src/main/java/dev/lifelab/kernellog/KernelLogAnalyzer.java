package dev.lifelab.kernellog;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Finds kernel problems (oops, KASAN, WARNING, hung tasks, ...) in console logs and dmesg output.
 *
 * <p>Reads logs as a stream in constant memory, whatever their size. An analyzer is immutable
 * and may be shared between threads; each call analyses one log.
 *
 * <pre>{@code
 * List<Finding> findings = KernelLogAnalyzer.defaultTable().analyze(Path.of("console.log"));
 * }</pre>
 */
public final class KernelLogAnalyzer {
  private static volatile KernelLogAnalyzer defaultAnalyzer;

  private final KernelMessageTable table;
  private final ReportNamer namer;
  private final LineReader reader;

  private KernelLogAnalyzer(KernelMessageTable table) {
    this.table = table;
    this.namer = new ReportNamer(table);
    this.reader = new LineReader(table.literalsOfInterest());
  }

  /** The analyzer with lifelab's own table of kernel messages. */
  public static KernelLogAnalyzer defaultTable() {
    KernelLogAnalyzer a = defaultAnalyzer;
    if (a == null) {
      // made once even when several threads ask at the same time (the command line starts
      // making it on another thread while it reads its arguments)
      synchronized (KernelLogAnalyzer.class) {
        a = defaultAnalyzer;
        if (a == null) {
          a = new KernelLogAnalyzer(KernelMessageTable.defaultTable());
          defaultAnalyzer = a;
        }
      }
    }
    return a;
  }

  /** An analyzer with another table, e.g. one loaded with {@link KernelMessageTable#load(Path)}. */
  public static KernelLogAnalyzer of(KernelMessageTable table) {
    return new KernelLogAnalyzer(table);
  }

  /**
   * All findings of a log file (plain or gzip-compressed), in log order.
   *
   * @throws UserError if the file cannot be read; the message names the file
   */
  public List<Finding> analyze(Path file) {
    List<Finding> findings = new ArrayList<>();
    analyze(file, findings::add);
    return findings;
  }

  /**
   * Hands each finding of a log file to the sink as soon as it is complete, in log order.
   *
   * @throws UserError if the file cannot be read; the message names the file
   */
  public void analyze(Path file, Consumer<Finding> sink) {
    if (Files.isDirectory(file)) {
      throw new UserError("cannot read " + file + ": is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      analyze(in, file.toString(), sink);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands each finding of a log read from a stream (plain or gzip-compressed) to the sink as
   * soon as it is complete, in log order. The stream is read to its end but not closed.
   *
   * @param sourceName what {@link Finding#source()} says, usually the file name
   */
  public void analyze(InputStream in, String sourceName, Consumer<Finding> sink) throws IOException {
    LogScanner scanner = new LogScanner(table, namer, sourceName, sink);
    reader.read(decompressed(in), scanner);
    scanner.finish();
  }

  /** All findings of a log held in memory, in log order (for short logs and tests). */
  public List<Finding> analyze(String log, String sourceName) {
    List<Finding> findings = new ArrayList<>();
    try {
      analyze(new java.io.ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), sourceName,
          findings::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  private static InputStream decompressed(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] magic = peek.readNBytes(2);
    peek.unread(magic);
    if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(peek, 1 << 16);
    }
    return peek;
  }
}
