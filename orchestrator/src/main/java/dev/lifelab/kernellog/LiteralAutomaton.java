package dev.lifelab.kernellog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over bytes that finds the lines holding one of a set of literals. A
 * newline sends it back to its start, so a match never spans lines. Safe to share: it is never
 * changed after construction.
 */
final class LiteralAutomaton {
  private static final int FOUND = -1;
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

  LiteralAutomaton(List<String> literals) {
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
   * Runs the automaton over {@code buf[from..end)}; writes the start of each line holding a
   * literal into {@code lineStarts} (as far as it has room) and returns how many there are.
   * The two halves of the range are walked together: each step of the automaton waits for the
   * previous one, and two independent walks keep the processor busy while they wait.
   */
  int scan(byte[] buf, int from, int end, int[] lineStarts) {
    int middle = Bytes.indexOf(buf, from + (end - from) / 2, end, (byte) '\n') + 1;
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
          countA = record(lineStarts, countA, Bytes.lastNewline(buf, a - 1) + 1, from);
          int nl = Bytes.indexOf(buf, a, middle, (byte) '\n');
          a = nl < 0 ? middle : nl + 1;
          stateA = 0;
        }
        if (stateB == FOUND) {
          if (countB == foundB.length) {
            foundB = Arrays.copyOf(foundB, countB * 2);
          }
          foundB[countB++] = Bytes.lastNewline(buf, b - 1) + 1;
          int nl = Bytes.indexOf(buf, b, end, (byte) '\n');
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
        count = record(lineStarts, count, Bytes.lastNewline(buf, i - 1) + 1, floor);
        int nl = Bytes.indexOf(buf, i, end, (byte) '\n');
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
