package dev.lifelab.kernellog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the lines holding one of a set of literals (each at least {@link #WINDOW} bytes long)
 * several times faster than an automaton: only the three bytes at every other position are
 * looked at.
 *
 * <p>Each literal is represented by a window of four of its bytes, chosen to be rare in the text
 * (in a sample of the log when there is one). Every occurrence of a window covers one of the
 * triples of bytes that start at an even distance from where the scan began, so the scan hashes
 * those triples only, testing one table bit each, and looks closer where a triple may belong to
 * a window. The triples are independent of each other, so the processor reads ahead instead of
 * waiting on the previous step as an automaton must.
 */
final class TrigramFilter {
  static final int WINDOW = 4;
  private static final int STRIDE = WINDOW - 2;
  private static final int HASH_BITS = 16;
  private static final int SAMPLE_BYTES = 256 * 1024;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] literals;
  /** Where each literal's window starts in it. */
  private final int[] windowAt;
  /** Bit per triple hash: some window holds a triple of that hash. */
  private final long[] triples = new long[1 << (HASH_BITS - 6)];
  /**
   * For each triple hash, the windows that hold such a triple: groups of three ints (the
   * window's bytes as a little-endian int, the triple's offset in the window, the literal).
   */
  private final int[][] places = new int[1 << HASH_BITS][];

  /** Whether the filter can look for these literals: all must be at least a window long. */
  static boolean handles(List<String> literals) {
    return !literals.isEmpty() && literals.stream()
        .allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length >= WINDOW && l.indexOf('\n') < 0);
  }

  TrigramFilter(List<String> literals) {
    this(literals, null, 0, 0);
  }

  /**
   * A filter whose windows are the rarest in {@code sample[from..end)}: a log's own text tells
   * best which triples it is made of. Without a sample, rarity is guessed from the bytes.
   */
  TrigramFilter(List<String> literals, byte[] sample, int from, int end) {
    int[] counts = sample == null ? null : countTriples(sample, from, end);
    this.literals = new byte[literals.size()][];
    this.windowAt = new int[literals.size()];
    Map<Integer, List<Integer>> byHash = new HashMap<>();
    for (int l = 0; l < literals.size(); l++) {
      byte[] bytes = literals.get(l).getBytes(StandardCharsets.UTF_8);
      if (bytes.length < WINDOW) {
        throw new IllegalArgumentException("literal shorter than " + WINDOW + " bytes: " + literals.get(l));
      }
      this.literals[l] = bytes;
      int at = rarestWindow(bytes, counts);
      windowAt[l] = at;
      int window = (int) INTS.get(bytes, at);
      for (int k = 0; k < STRIDE; k++) {
        int h = hash(window >>> (8 * k));
        triples[h >>> 6] |= 1L << h;
        byHash.computeIfAbsent(h, x -> new ArrayList<>()).addAll(List.of(window, k, l));
      }
    }
    byHash.forEach((h, list) -> places[h] = list.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Hash of the three low bytes of {@code v}. */
  private static int hash(int v) {
    return ((v & 0xffffff) * 0x9E3779B1) >>> (32 - HASH_BITS);
  }

  /**
   * The lines of {@code buf[from..end)} that hold a literal, {@code from} being the start of a
   * line. The newlines are counted in the same pass: the bytes are read once.
   */
  LineReader.Found find(byte[] buf, int from, int end) {
    final long[] triples = this.triples;
    int[] starts = new int[16];
    int[] linesBefore = new int[16];
    int count = 0;
    long lines = 0;
    int p = from;
    // the last window of the range starts at end - 4; its triples at end - 4 and end - 3
    final int lastTriple = end - 3;
    // rounds of four triples over eight bytes read as a long (and an int for the last one),
    // while none may be of interest; the fourth triple reads up to p + 9
    final int fast = end - 3 * STRIDE - 4;
    while (p <= lastTriple) {
      // newlines are counted per byte lane and the lanes summed every 255 rounds, before a lane
      // could overflow
      long lanes = 0;
      int rounds = 0;
      while (p <= fast) {
        long v = (long) LONGS.get(buf, p);
        int low = (int) v;
        int high = (int) (v >>> 32);
        int a = hash(low);
        int b = hash((int) (v >>> 16));
        int c = hash(high);
        int d = hash((int) INTS.get(buf, p + 6));
        if (((triples[a >>> 6] >>> a | triples[b >>> 6] >>> b | triples[c >>> 6] >>> c
            | triples[d >>> 6] >>> d) & 1) != 0) {
          break;
        }
        lanes += newlineLanes(v);
        if (++rounds == 255) {
          lines += sumLanes(lanes);
          lanes = 0;
          rounds = 0;
        }
        p += 4 * STRIDE;
      }
      lines += sumLanes(lanes);
      int stop = Math.min(p + 4 * STRIDE, lastTriple + 1);
      while (p < stop) {
        int h = hash((buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16);
        int literalAt = (triples[h >>> 6] >>> h & 1) == 0 ? -1 : literalAt(buf, from, end, p, places[h]);
        if (literalAt < 0) {
          lines += (buf[p] == '\n' ? 1 : 0) + (buf[p + 1] == '\n' ? 1 : 0);
          p += STRIDE;
          continue;
        }
        // no newline lies between the literal and p: the line's number is known, and the rest
        // of the line up to its newline is skipped
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          linesBefore = Arrays.copyOf(linesBefore, count * 2);
        }
        starts[count] = Math.max(Bytes.lastNewline(buf, literalAt) + 1, from);
        linesBefore[count++] = (int) lines;
        int nl = Bytes.indexOf(buf, p, end, (byte) '\n');
        if (nl < 0) {
          p = end;
        } else {
          lines++;
          p = nl + 1;
        }
        break;
      }
    }
    lines += Bytes.countNewlines(buf, Math.min(p, end), end);
    return new LineReader.Found(starts, linesBefore, count, lines);
  }

  /** A 1 in each byte of {@code v} that is a newline, 0 in the others. */
  private static long newlineLanes(long v) {
    long x = v ^ 0x0a0a0a0a0a0a0a0aL; // a newline byte is now zero
    return ~(((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | x | 0x7f7f7f7f7f7f7f7fL) >>> 7;
  }

  /** The sum of the eight byte lanes of {@code lanes}. */
  private static long sumLanes(long lanes) {
    long pairs = (lanes & 0x00ff00ff00ff00ffL) + (lanes >>> 8 & 0x00ff00ff00ff00ffL);
    return pairs * 0x0001000100010001L >>> 48;
  }

  /** Where a literal whose window holds the triple at {@code p} starts, or -1. */
  private int literalAt(byte[] buf, int from, int end, int p, int[] places) {
    for (int i = 0; i < places.length; i += 3) {
      int windowStart = p - places[i + 1];
      if (windowStart < from || windowStart + WINDOW > end || (int) INTS.get(buf, windowStart) != places[i]) {
        continue;
      }
      byte[] literal = literals[places[i + 2]];
      int start = windowStart - windowAt[places[i + 2]];
      if (start >= from && start + literal.length <= end
          && Arrays.equals(buf, start, start + literal.length, literal, 0, literal.length)) {
        return start;
      }
    }
    return -1;
  }

  private static int[] countTriples(byte[] sample, int from, int end) {
    int[] counts = new int[1 << HASH_BITS];
    // a quarter of a block tells the rare triples as well as the whole, in a quarter of the time
    end = Math.min(end, from + SAMPLE_BYTES);
    for (int i = from; i + 2 < end; i++) {
      counts[hash((sample[i] & 0xff) | (sample[i + 1] & 0xff) << 8 | (sample[i + 2] & 0xff) << 16)]++;
    }
    return counts;
  }

  /** The window of the literal whose triples are least common (in the sample, if any). */
  private static int rarestWindow(byte[] literal, int[] counts) {
    int best = 0;
    double bestScore = Double.MAX_VALUE;
    for (int at = 0; at + WINDOW <= literal.length; at++) {
      double score = 0;
      for (int k = 0; k < STRIDE; k++) {
        int v = (literal[at + k] & 0xff) | (literal[at + k + 1] & 0xff) << 8 | (literal[at + k + 2] & 0xff) << 16;
        score += counts != null ? counts[hash(v)] : commonness(literal[at + k])
            * commonness(literal[at + k + 1]) * commonness(literal[at + k + 2]);
      }
      if (score < bestScore) {
        bestScore = score;
        best = at;
      }
    }
    return best;
  }

  /** Rough share of a byte in console logs: blanks, zeros, lower-case letters and digits abound. */
  private static double commonness(byte b) {
    char c = (char) (b & 0xff);
    if (c == ' ') {
      return 20;
    }
    if (c == '0') {
      return 8;
    }
    if ("etaoinsr".indexOf(c) >= 0) {
      return 5;
    }
    if (c >= 'a' && c <= 'z' || c >= '1' && c <= '9' || ".:[]".indexOf(c) >= 0) {
      return 2;
    }
    if ("_-/,=()".indexOf(c) >= 0) {
      return 1;
    }
    return 0.5;
  }
}
