package dev.lifelab.kernellog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the lines holding one of a set of literals (each at least four bytes long) several
 * times faster than an automaton: only the three bytes at every third position are looked at.
 *
 * <p>Each literal is represented by a window of five of its bytes, chosen to be rare in a sample
 * of the log (its first block); a four-byte literal's window is the literal and
 * whatever byte follows it. Every occurrence of a window covers one of the triples of bytes that
 * start at a multiple of three from where the scan began, so the scan hashes those triples only,
 * testing one table bit each, and looks closer where a triple may belong to a window. The
 * triples are independent of each other, so the processor reads ahead instead of waiting on the
 * previous step as an automaton must.
 */
final class TrigramFilter {
  static final int SHORTEST = 4;
  private static final int WINDOW = 5;
  private static final int STRIDE = WINDOW - 2;
  // a bit table of 16 KiB stays in the first-level cache; with fewer bits, common triples that
  // share a hash with a window's (a four-byte literal's alone takes 256) send the scan to look
  // closer twice as often
  private static final int HASH_BITS = 17;
  private static final int SAMPLE_BYTES = 256 * 1024;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[][] literals;
  /** Bit per triple hash: some window holds a triple of that hash. */
  private final long[] triples = new long[1 << (HASH_BITS - 6)];
  /**
   * For each triple hash, the windows that hold such a triple: groups of four ints (the triple's
   * bytes as a little-endian int, the mask of the bytes that must be equal, where the triple
   * lies in its literal, the literal).
   */
  private final int[][] places = new int[1 << HASH_BITS][];

  /** Whether the filter can look for these literals: all must be at least four bytes long. */
  static boolean handles(List<String> literals) {
    return !literals.isEmpty() && literals.stream()
        .allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length >= SHORTEST && l.indexOf('\n') < 0);
  }

  /**
   * A filter whose windows are the rarest in {@code sample[from..end)}: a log's own text tells
   * best which triples it is made of.
   */
  TrigramFilter(List<String> literals, byte[] sample, int from, int end) {
    int[] counts = countTriples(sample, from, end);
    this.literals = new byte[literals.size()][];
    Map<Integer, List<Integer>> byHash = new HashMap<>();
    for (int l = 0; l < literals.size(); l++) {
      byte[] bytes = literals.get(l).getBytes(StandardCharsets.UTF_8);
      if (bytes.length < SHORTEST) {
        throw new IllegalArgumentException("literal shorter than " + SHORTEST + " bytes: " + literals.get(l));
      }
      this.literals[l] = bytes;
      int at = bytes.length < WINDOW ? 0 : rarestWindow(bytes, counts);
      for (int k = 0; k < STRIDE; k++) {
        int offset = at + k;
        int known = Math.min(3, bytes.length - offset);
        int mask = known == 3 ? 0xffffff : 0xffff;
        int triple = bytes[offset] & 0xff | (bytes[offset + 1] & 0xff) << 8
            | (known == 3 ? (bytes[offset + 2] & 0xff) << 16 : 0);
        // a triple that runs past the literal's end stands for all triples that begin so
        Set<Integer> hashes = new HashSet<>();
        for (int next = 0; next < (known == 3 ? 1 : 256); next++) {
          hashes.add(hash(triple | next << 16));
        }
        for (int h : hashes) {
          triples[h >>> 6] |= 1L << h;
          byHash.computeIfAbsent(h, x -> new ArrayList<>()).addAll(List.of(triple, mask, offset, l));
        }
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
    // a four-byte literal at the range's end has its last triple at end - 2, one byte past it
    final int lastTriple = end - 2;
    // rounds of eight triples over 24 bytes read as three longs, while none may be of interest
    final int fast = end - 8 * STRIDE;
    while (p <= lastTriple) {
      // newlines are counted per byte lane; a round adds up to three to a lane, so the lanes are
      // summed every 85 rounds, before one could overflow
      long lanes = 0;
      int rounds = 0;
      while (p <= fast) {
        long v0 = (long) LONGS.get(buf, p);
        long v1 = (long) LONGS.get(buf, p + 8);
        long v2 = (long) LONGS.get(buf, p + 16);
        int t0 = hash((int) v0);
        int t1 = hash((int) (v0 >>> 24));
        int t2 = hash((int) (v0 >>> 48 | v1 << 16));
        int t3 = hash((int) (v1 >>> 8));
        int t4 = hash((int) (v1 >>> 32));
        int t5 = hash((int) (v1 >>> 56 | v2 << 8));
        int t6 = hash((int) (v2 >>> 16));
        int t7 = hash((int) (v2 >>> 40));
        if (((triples[t0 >>> 6] >>> t0 | triples[t1 >>> 6] >>> t1 | triples[t2 >>> 6] >>> t2
            | triples[t3 >>> 6] >>> t3 | triples[t4 >>> 6] >>> t4 | triples[t5 >>> 6] >>> t5
            | triples[t6 >>> 6] >>> t6 | triples[t7 >>> 6] >>> t7) & 1) != 0) {
          break;
        }
        lanes += Bytes.newlineLanes(v0) + Bytes.newlineLanes(v1) + Bytes.newlineLanes(v2);
        if (++rounds == 85) {
          lines += Bytes.sumLanes(lanes);
          lanes = 0;
          rounds = 0;
        }
        p += 8 * STRIDE;
      }
      lines += Bytes.sumLanes(lanes);
      int stop = Math.min(p + 8 * STRIDE, lastTriple + 1);
      while (p < stop) {
        int triple = buf[p] & 0xff | (buf[p + 1] & 0xff) << 8 | (p + 2 < end ? (buf[p + 2] & 0xff) << 16 : 0);
        int h = hash(triple);
        int literalAt = (triples[h >>> 6] >>> h & 1) == 0 ? -1 : literalAt(buf, from, end, p, triple, places[h]);
        if (literalAt < 0) {
          lines += (buf[p] == '\n' ? 1 : 0) + (buf[p + 1] == '\n' ? 1 : 0) + (p + 2 < end && buf[p + 2] == '\n' ? 1 : 0);
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

  /** Where a literal with the triple at {@code p} in its window starts, or -1. */
  private int literalAt(byte[] buf, int from, int end, int p, int triple, int[] places) {
    for (int i = 0; i < places.length; i += 4) {
      if ((triple & places[i + 1]) != places[i]) {
        continue;
      }
      byte[] literal = literals[places[i + 3]];
      int start = p - places[i + 2];
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

  /** The window of the literal whose triples are least common in the sample. */
  private static int rarestWindow(byte[] literal, int[] counts) {
    int best = 0;
    long bestScore = Long.MAX_VALUE;
    for (int at = 0; at + WINDOW <= literal.length; at++) {
      long score = 0;
      for (int k = 0; k < STRIDE; k++) {
        int v = (literal[at + k] & 0xff) | (literal[at + k + 1] & 0xff) << 8 | (literal[at + k + 2] & 0xff) << 16;
        score += counts[hash(v)];
      }
      if (score < bestScore) {
        bestScore = score;
        best = at;
      }
    }
    return best;
  }
}
