package dev.lifelab.kernellog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
 * a set of literals. Each buffer is first run through an Aho-Corasick automaton (a newline sends
 * it back to its start, so a match never spans lines); then, while the sink wants every line,
 * lines are handed on one by one, and otherwise the reader jumps from flagged line to flagged
 * line, counting the newlines in between eight bytes at a time. Uninteresting bytes are looked at
 * twice in tight loops and never turned into Strings.
 */
final class LineReader {
  /** Longest line kept; longer lines (serial noise without newlines) are cut. */
  static final int MAX_LINE_BYTES = 64 * 1024;
  /** Blocks read ahead of the sink; with their buffers they bound the memory in use. */
  private static final int BLOCKS_IN_FLIGHT = 6;
  private static final int SCANNERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final int FOUND = -1;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  /**
   * Only this many leading bytes of a literal are looked for: a shorter automaton stays in the
   * processor's cache, and the few lines flagged in excess are checked again by the caller.
   */
  private static final int PREFIX_BYTES = 12;

  /** The byte classes: bytes that no literal uses share class 0. */
  private final byte[] classOf = new byte[256];
  private final int classes;
  private final int shift;
  /** Transitions: state * classes + class of the byte; FOUND when a literal ends there. */
  private final int[] next;

  /** Receives each line of the input. */
  interface Sink {
    /**
     * @param buf bytes of the line are {@code buf[start..end)}, without the newline; only valid
     *     during the call
     * @param number 1-based line number
     * @param flagged the line contains one of the literals
     */
    void line(byte[] buf, int start, int end, long number, boolean flagged);

    /** Whether lines without a literal are wanted now; when not, they are skipped unseen. */
    boolean wantsEveryLine();
  }

  LineReader(List<String> literals) {
    List<byte[]> prefixes = new ArrayList<>();
    for (String literal : literals) {
      byte[] bytes = literal.getBytes(StandardCharsets.UTF_8);
      if (bytes.length == 0 || literal.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("literal must be one non-empty line: " + literal);
      }
      prefixes.add(Arrays.copyOf(bytes, Math.min(bytes.length, PREFIX_BYTES)));
    }
    int n = 1;
    classOf['\n'] = (byte) n++;
    for (byte[] p : prefixes) {
      for (byte b : p) {
        if (classOf[b & 0xff] == 0) {
          classOf[b & 0xff] = (byte) n++;
        }
      }
    }
    if (n > 128) {
      throw new IllegalArgumentException("too many distinct bytes in the literals");
    }
    // a power of two, so that a row is found by a shift rather than a multiplication
    shift = 32 - Integer.numberOfLeadingZeros(n - 1);
    classes = 1 << shift;
    next = buildAutomaton(prefixes);
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
    if (first.last()) {
      hand(scanned(first), 0, sink); // a short log: no threads
      return;
    }
    ExecutorService scanners = Executors.newFixedThreadPool(SCANNERS, daemon("lifelab-scan"));
    BlockingQueue<Future<Scanned>> queue = new ArrayBlockingQueue<>(BLOCKS_IN_FLIGHT);
    Thread producer = daemon("lifelab-read").newThread(() -> {
      try {
        for (LineBlocks.Block b = first; b != null; b = blocks.next()) {
          LineBlocks.Block block = b;
          queue.put(scanners.submit(() -> scanned(block)));
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
      for (Scanned s = take(queue); s != null; s = take(queue)) {
        number = hand(s, number, sink);
        blocks.recycle(s.block().buf());
      }
    } finally {
      producer.interrupt();
      scanners.shutdownNow();
    }
  }

  /** A block with the starts of its lines that hold a literal. */
  /**
   * A block with the starts of its lines that hold a literal, and for each of them the number of
   * lines before it in the block; {@code lines} is the block's number of newlines.
   */
  private record Scanned(LineBlocks.Block block, int[] flagged, int[] linesBefore, int count, long lines) {}

  /** Scans a block and counts its lines: all work done away from the sink's thread. */
  private Scanned scanned(LineBlocks.Block b) {
    int[] flagged = new int[64];
    int count = scan(b.buf(), b.from(), b.end(), flagged);
    if (count > flagged.length) {
      flagged = new int[count];
      scan(b.buf(), b.from(), b.end(), flagged);
    }
    int[] linesBefore = new int[count];
    int at = b.from();
    long lines = 0;
    for (int k = 0; k < count; k++) {
      lines += countNewlines(b.buf(), at, flagged[k]);
      linesBefore[k] = (int) lines;
      at = flagged[k];
    }
    lines += countNewlines(b.buf(), at, b.end());
    return new Scanned(b, flagged, linesBefore, count, lines);
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
   * Runs the automaton over {@code buf[from..end)}; writes the start of each line holding a
   * literal into {@code lineStarts} (as far as it has room) and returns how many there are.
   * The two halves of the range are walked together: each step of the automaton waits for the
   * previous one, and two independent walks keep the processor busy while they wait.
   */
  private int scan(byte[] buf, int from, int end, int[] lineStarts) {
    int middle = indexOf(buf, from + (end - from) / 2, end, (byte) '\n') + 1;
    if (middle <= from) {
      return scanOne(buf, from, end, lineStarts, 0);
    }
    final int[] next = this.next;
    final byte[] classOf = this.classOf;
    final int shift = this.shift;
    int a = from;
    int b = middle;
    int stateA = 0;
    int stateB = 0;
    // Lines found in the second half wait here, to keep the result in order.
    int[] foundB = new int[16];
    int countA = 0;
    int countB = 0;
    while (a < middle && b < end) {
      stateA = next[(stateA << shift) | classOf[buf[a] & 0xff]];
      stateB = next[(stateB << shift) | classOf[buf[b] & 0xff]];
      a++;
      b++;
      if ((stateA | stateB) < 0) {
        if (stateA == FOUND) {
          countA = record(lineStarts, countA, lastNewline(buf, a - 1) + 1, from);
          int nl = indexOf(buf, a, middle, (byte) '\n');
          a = nl < 0 ? middle : nl + 1;
          stateA = 0;
        }
        if (stateB == FOUND) {
          if (countB == foundB.length) {
            foundB = Arrays.copyOf(foundB, countB * 2);
          }
          foundB[countB++] = lastNewline(buf, b - 1) + 1;
          int nl = indexOf(buf, b, end, (byte) '\n');
          b = nl < 0 ? end : nl + 1;
          stateB = 0;
        }
      }
    }
    if (a < middle) {
      countA = scanOne(buf, a, middle, lineStarts, countA, stateA, from);
    }
    for (int k = 0; k < countB; k++) {
      countA = record(lineStarts, countA, foundB[k], from);
    }
    if (b < end) {
      countA = scanOne(buf, b, end, lineStarts, countA, stateB, from);
    }
    return countA;
  }

  private int scanOne(byte[] buf, int from, int end, int[] lineStarts, int count) {
    return scanOne(buf, from, end, lineStarts, count, 0, from);
  }

  /** Walks one range on from a given automaton state; {@code floor} bounds line starts. */
  private int scanOne(byte[] buf, int from, int end, int[] lineStarts, int count, int state, int floor) {
    final int[] next = this.next;
    final byte[] classOf = this.classOf;
    final int shift = this.shift;
    int i = from;
    while (i < end) {
      state = next[(state << shift) | classOf[buf[i] & 0xff]];
      i++;
      if (state == FOUND) {
        count = record(lineStarts, count, lastNewline(buf, i - 1) + 1, floor);
        int nl = indexOf(buf, i, end, (byte) '\n');
        i = nl < 0 ? end : nl + 1;
        state = 0;
      }
    }
    return count;
  }

  private static int record(int[] lineStarts, int count, int lineStart, int floor) {
    if (count < lineStarts.length) {
      lineStarts[count] = Math.max(lineStart, floor);
    }
    return count + 1;
  }

  /** Hands the lines of {@code buf[from..end)} to the sink; returns the last line number. */
  /**
   * Hands the lines of a scanned block to the sink, numbering them on from {@code before} (the
   * number of lines before the block); returns the number of lines up to the block's end.
   */
  private static long hand(Scanned s, long before, Sink sink) {
    byte[] buf = s.block().buf();
    int end = s.block().end();
    int p = s.block().from();
    long number = before;
    int f = 0;
    while (p < end) {
      if (!sink.wantsEveryLine()) {
        if (f == s.count()) {
          break;
        }
        p = s.flagged()[f];
        number = before + s.linesBefore()[f];
      }
      int nl = indexOf(buf, p, end, (byte) '\n');
      int lineEnd = nl < 0 ? end : nl;
      boolean isFlagged = f < s.count() && s.flagged()[f] == p;
      if (isFlagged) {
        f++;
      }
      sink.line(buf, p, Math.min(lineEnd, p + MAX_LINE_BYTES), ++number, isFlagged);
      p = lineEnd + 1;
    }
    return before + s.lines();
  }

  /** Number of newline bytes in {@code buf[from..to)}, eight at a time. */
  static long countNewlines(byte[] buf, int from, int to) {
    long count = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long v = (long) LONGS.get(buf, i) ^ NEWLINES; // a newline byte is now zero
      long t = ~(((v & LOW7) + LOW7) | v | LOW7); // high bit set exactly in zero bytes
      count += Long.bitCount(t);
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  private static int indexOf(byte[] buf, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the last newline before {@code end}, or -1. */
  private static int lastNewline(byte[] buf, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Decodes a line leniently: bytes that are not UTF-8 become U+FFFD. */
  static String decode(byte[] buf, int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  private int[] buildAutomaton(List<byte[]> literals) {
    List<int[]> goTo = new ArrayList<>();
    List<Boolean> output = new ArrayList<>();
    goTo.add(newRow(classes));
    output.add(false);
    for (byte[] literal : literals) {
      int s = 0;
      for (byte b : literal) {
        int c = classOf[b & 0xff];
        if (goTo.get(s)[c] <= 0) {
          goTo.add(newRow(classes));
          output.add(false);
          goTo.get(s)[c] = goTo.size() - 1;
        }
        s = goTo.get(s)[c];
      }
      output.set(s, true);
    }
    int states = goTo.size();
    int[] fail = new int[states];
    int[] table = new int[states * classes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < classes; c++) {
      int t = goTo.get(0)[c];
      table[c] = Math.max(t, 0);
      if (t > 0) {
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      output.set(s, output.get(s) || output.get(fail[s]));
      for (int c = 0; c < classes; c++) {
        int t = goTo.get(s)[c];
        if (t > 0) {
          fail[t] = table[fail[s] * classes + c];
          queue.add(t);
          table[s * classes + c] = t;
        } else {
          table[s * classes + c] = table[fail[s] * classes + c];
        }
      }
    }
    int newline = classOf['\n'];
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < classes; c++) {
        int t = table[s * classes + c];
        if (t > 0 && output.get(t)) {
          table[s * classes + c] = FOUND;
        }
      }
      table[s * classes + newline] = 0; // literals are found within a line
    }
    return table;
  }

  private static int[] newRow(int classes) {
    int[] row = new int[classes];
    Arrays.fill(row, -1);
    return row;
  }
}
