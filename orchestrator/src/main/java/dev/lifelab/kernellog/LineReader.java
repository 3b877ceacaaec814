package dev.lifelab.kernellog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into lines without decoding them, and flags the lines that contain one of
 * a set of literals. Both happen in one pass of an Aho-Corasick automaton whose newline
 * transition ends the line, so the bytes of an uninteresting line are each looked at once and
 * never turned into a String.
 */
final class LineReader {
  /** Longest line kept; longer lines (serial noise without newlines) are cut. */
  static final int MAX_LINE_BYTES = 64 * 1024;
  private static final int BUFFER_BYTES = 1 << 20;
  private static final int NEWLINE = -1;
  private static final int FOUND = -2;

  /** Transitions: state * 256 + byte; negative values end the scan of a line. */
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
  }

  LineReader(List<String> literals) {
    next = buildAutomaton(literals);
  }

  /** Reads the stream to its end, handing each line to the sink. */
  void read(InputStream in, Sink sink) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    int limit = 0;
    int lineStart = 0;
    int i = 0;
    int state = 0;
    boolean flagged = false;
    boolean discarding = false;
    long number = 0;
    final int[] next = this.next;
    while (true) {
      if (i == limit) {
        if (lineStart > 0) {
          System.arraycopy(buf, lineStart, buf, 0, limit - lineStart);
          i -= lineStart;
          limit -= lineStart;
          lineStart = 0;
        }
        if (limit == buf.length) {
          // A line longer than the buffer: hand on its start, drop the rest up to the newline.
          if (!discarding) {
            sink.line(buf, 0, Math.min(limit, MAX_LINE_BYTES), ++number, flagged);
          }
          discarding = true;
          i = limit = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          if (limit > lineStart && !discarding) {
            sink.line(buf, lineStart, Math.min(limit, lineStart + MAX_LINE_BYTES), ++number, flagged);
          }
          return;
        }
        limit += n;
      }
      if (!flagged) {
        while (i < limit) {
          state = next[(state << 8) | (buf[i] & 0xff)];
          if (state < 0) {
            break;
          }
          i++;
        }
        if (i == limit) {
          continue;
        }
        if (state == FOUND) {
          flagged = true;
          i++;
          continue;
        }
      } else {
        while (i < limit && buf[i] != '\n') {
          i++;
        }
        if (i == limit) {
          continue;
        }
      }
      // at a newline
      if (!discarding) {
        sink.line(buf, lineStart, Math.min(i, lineStart + MAX_LINE_BYTES), ++number, flagged);
      }
      discarding = false;
      flagged = false;
      state = 0;
      lineStart = ++i;
    }
  }

  /** Decodes a line leniently: bytes that are not UTF-8 become U+FFFD. */
  static String decode(byte[] buf, int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  private static int[] buildAutomaton(List<String> literals) {
    List<int[]> goTo = new ArrayList<>();
    List<Boolean> output = new ArrayList<>();
    goTo.add(newRow());
    output.add(false);
    for (String literal : literals) {
      byte[] bytes = literal.getBytes(StandardCharsets.UTF_8);
      if (bytes.length == 0) {
        throw new IllegalArgumentException("empty literal");
      }
      int s = 0;
      for (byte b : bytes) {
        int c = b & 0xff;
        if (goTo.get(s)[c] <= 0) {
          goTo.add(newRow());
          output.add(false);
          goTo.get(s)[c] = goTo.size() - 1;
        }
        s = goTo.get(s)[c];
      }
      output.set(s, true);
    }
    int states = goTo.size();
    int[] fail = new int[states];
    int[] table = new int[states * 256];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      int t = goTo.get(0)[c];
      table[c] = Math.max(t, 0);
      if (t > 0) {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      output.set(s, output.get(s) || output.get(fail[s]));
      for (int c = 0; c < 256; c++) {
        int t = goTo.get(s)[c];
        if (t > 0) {
          fail[t] = table[fail[s] * 256 + c];
          queue.add(t);
          table[s * 256 + c] = t;
        } else {
          table[s * 256 + c] = table[fail[s] * 256 + c];
        }
      }
    }
    // Fold the two events that stop the byte loop into the table.
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < 256; c++) {
        int t = table[s * 256 + c];
        if (t > 0 && output.get(t)) {
          table[s * 256 + c] = FOUND;
        }
      }
      table[s * 256 + '\n'] = NEWLINE;
    }
    return table;
  }

  private static int[] newRow() {
    int[] row = new int[256];
    Arrays.fill(row, -1);
    return row;
  }
}
