package dev.lifelab.kernellog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Splits a byte stream into lines without decoding them, and flags the lines that contain one of
 * a set of literals. Blocks of whole lines are scanned for the literals (and their lines counted)
 * on other threads; then, while the sink wants every line, lines are handed on one by one, and
 * otherwise the reader jumps from flagged line to flagged line. Uninteresting bytes are looked
 * at in tight loops only and never turned into Strings.
 */
final class LineReader {
  /** Longest line kept; longer lines (serial noise without newlines) are cut. */
  static final int MAX_LINE_BYTES = 64 * 1024;
  /** Blocks read ahead of the sink; with their buffers they bound the memory in use. */
  private static final int BLOCKS_IN_FLIGHT = 6;
  private static final int SCANNERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final List<String> literals;
  /** The finder when the triple filter cannot take the literals; null when it can. */
  private final LineFinder automaton;

  /** Finds the lines of a block that hold one of the literals, and counts the block's lines. */
  interface LineFinder {
    /** The lines of {@code buf[from..end)} that hold a literal; {@code from} starts a line. */
    Found find(byte[] buf, int from, int end);
  }

  /**
   * The starts of the lines of a block that hold a literal, for each of them the number of lines
   * before it in the block, and the block's number of newlines.
   */
  record Found(int[] starts, int[] linesBefore, int count, long lines) {}

  /** Receives each line of the input. */
  interface Sink {
    /**
     * @param buf bytes of the line are {@code buf[start..end)}, without the newline; only valid
     *     during the call
     * @param number 1-based line number
     * @param flagged the line holds one of the literals (or, for literals the automaton looks for,
     *     the start of one: see {@link LiteralAutomaton})
     */
    void line(byte[] buf, int start, int end, long number, boolean flagged);

    /** Work that may run on another thread can be given to this executor (null: none) from now on. */
    default void useExecutor(java.util.concurrent.Executor executor) {}

    /** The reader has handed on all it has and is about to wait for more input. */
    default void idle() {}

    /** Whether lines without a literal are wanted now; when not, they are skipped unseen. */
    boolean wantsEveryLine();
  }

  /** @param literals what flags a line */
  LineReader(List<String> literals) {
    this.literals = List.copyOf(literals);
    // the triple filter needs literals of four bytes or more; the automaton takes any
    automaton = TrigramFilter.handles(literals) ? null : automatonFinder(new LiteralAutomaton(literals));
  }

  /**
   * The finder for a log: the triple filter is made for each log, from its first block, whose
   * triples of bytes tell which are rare in it.
   */
  private LineFinder finderFor(LineBlocks.Block first) {
    return automaton != null ? automaton : new TrigramFilter(literals, first.buf(), first.from(), first.end())::find;
  }

  /**
   * Reads the stream to its end, handing lines to the sink in order. A long stream is cut into
   * blocks that are scanned on other threads while the sink takes the lines of earlier blocks.
   */
  void read(InputStream in, Sink sink) throws IOException {
    LineBlocks blocks = new LineBlocks(in, BLOCKS_IN_FLIGHT + SCANNERS + 2);
    LineBlocks.Block first = nextBlock(blocks);
    if (first == null) {
      return;
    }
    LineFinder finder = finderFor(first);
    if (first.last()) {
      hand(scanned(first, finder), 0, sink); // a short log: no threads
      return;
    }
    ExecutorService scanners = Executors.newFixedThreadPool(SCANNERS, daemon("lifelab-scan"));
    ExecutorService naming = Executors.newSingleThreadExecutor(daemon("lifelab-name"));
    sink.useExecutor(naming);
    BlockingQueue<Future<Scanned>> queue = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);
    Thread producer = daemon("lifelab-read").newThread(() -> {
      try {
        for (LineBlocks.Block b = first; b != null; b = blocks.next()) {
          LineBlocks.Block block = b;
          queue.put(scanners.submit(() -> scanned(block, finder)));
        }
        queue.put(CompletableFuture.completedFuture(null));
      } catch (IOException e) {
        queue.offer(CompletableFuture.failedFuture(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    try {
      long number = 0;
      while (true) {
        Future<Scanned> next = queue.peek();
        if (next == null || !next.isDone()) {
          sink.idle();
        }
        Scanned s = take(queue);
        if (s == null) {
          break;
        }
        number = hand(s, number, sink);
        blocks.recycle(s.block().buf());
      }
    } finally {
      producer.interrupt();
      scanners.shutdownNow();
      sink.useExecutor(null); // what comes after the log's end is named at once
      naming.shutdown(); // what it was given still runs
    }
  }

  /** A block and what was found in it. */
  private record Scanned(LineBlocks.Block block, Found found) {}

  /** Scans a block and counts its lines: all work done away from the sink's thread. */
  private static Scanned scanned(LineBlocks.Block b, LineFinder finder) {
    return new Scanned(b, finder.find(b.buf(), b.from(), b.end()));
  }

  /** The automaton finds the lines; their numbers are counted after it. */
  private static LineFinder automatonFinder(LiteralAutomaton automaton) {
    return (buf, from, end) -> {
      int[] flagged = new int[64];
      int count = automaton.scan(buf, from, end, flagged);
      if (count > flagged.length) {
        flagged = new int[count];
        automaton.scan(buf, from, end, flagged);
      }
      int[] linesBefore = new int[count];
      int at = from;
      long lines = 0;
      for (int k = 0; k < count; k++) {
        lines += Bytes.countNewlines(buf, at, flagged[k]);
        linesBefore[k] = (int) lines;
        at = flagged[k];
      }
      lines += Bytes.countNewlines(buf, at, end);
      return new Found(flagged, linesBefore, count, lines);
    };
  }

  private static LineBlocks.Block nextBlock(LineBlocks blocks) throws IOException {
    try {
      return blocks.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    }
  }

  private static Scanned take(BlockingQueue<Future<Scanned>> queue) throws IOException {
    try {
      return queue.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("scanning a block failed", e.getCause());
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Hands the lines of a scanned block to the sink, numbering them on from {@code before} (the
   * number of lines before the block); returns the number of lines up to the block's end.
   */
  private static long hand(Scanned s, long before, Sink sink) {
    byte[] buf = s.block().buf();
    int end = s.block().end();
    int p = s.block().from();
    Found found = s.found();
    long number = before;
    int f = 0;
    while (p < end) {
      if (!sink.wantsEveryLine()) {
        if (f == found.count()) {
          break;
        }
        p = found.starts()[f];
        number = before + found.linesBefore()[f];
      }
      int nl = Bytes.indexOf(buf, p, end, (byte) '\n');
      int lineEnd = nl < 0 ? end : nl;
      boolean isFlagged = f < found.count() && found.starts()[f] == p;
      if (isFlagged) {
        f++;
      }
      sink.line(buf, p, Math.min(lineEnd, p + MAX_LINE_BYTES), ++number, isFlagged);
      p = lineEnd + 1;
    }
    return before + found.lines();
  }

  /** Decodes a line leniently: bytes that are not UTF-8 become U+FFFD. */
  static String decode(byte[] buf, int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

}
