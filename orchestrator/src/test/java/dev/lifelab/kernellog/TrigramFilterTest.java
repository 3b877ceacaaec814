package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The triple filter flags exactly the lines that hold a literal, wherever the literal lies. */
class TrigramFilterTest {
  private static final List<String> LITERALS = List.of("BUG:", "WARNING:", "general protection fault",
      "==================================================", "-[ cut here ]-", "8<--- cut here ---",
      "refcount_t: ", "is not initialized, yet kobject_put() is being called", "Kernel panic", "ümlaut");

  /** Console text a filter may choose its windows from, and none at all. */
  private static final List<String> SAMPLES = List.of(
      "[    1.000000] abcdefghijklmnopqrstuvwxyz -[ BUG WARN ===\n".repeat(50),
      "[    2.500000] usb 1-1: new high-speed USB device number 2 using xhci_hcd\n".repeat(20),
      "");

  private static TrigramFilter filter(String sample) {
    byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
    return new TrigramFilter(LITERALS, bytes, 0, bytes.length);
  }

  /** The line starts a line-by-line search finds. */
  private static int[] expected(byte[] text, int from, int end) {
    List<Integer> starts = new ArrayList<>();
    int lineStart = from;
    for (int i = from; i <= end; i++) {
      if (i == end || text[i] == '\n') {
        String line = new String(text, lineStart, i - lineStart, StandardCharsets.UTF_8);
        if (LITERALS.stream().anyMatch(line::contains)) {
          starts.add(lineStart);
        }
        lineStart = i + 1;
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The flagged line starts; checks the line counts that come with them on the way. */
  private static int[] found(TrigramFilter filter, byte[] text, int from, int end) {
    LineReader.Found found = filter.find(text, from, end);
    int[] starts = Arrays.copyOf(found.starts(), found.count());
    for (int k = 0; k < starts.length; k++) {
      assertThat(found.linesBefore()[k]).isEqualTo(newlines(text, from, starts[k]));
    }
    assertThat(found.lines()).isEqualTo(newlines(text, from, end));
    return starts;
  }

  private static int newlines(byte[] text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += text[i] == '\n' ? 1 : 0;
    }
    return n;
  }

  @Test
  void flagsTheLinesThatHoldALiteralAnywhere() {
    List<TrigramFilter> filters = SAMPLES.stream().map(TrigramFilterTest::filter).toList();
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyz    0123456789=-[]:_.BUGWARNIK<8\n\n\n";
    for (int round = 0; round < 5000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(round % 10 == 0 ? 3000 : 300);
      for (int i = 0; i < length; i++) {
        if (random.nextInt(40) == 0) {
          String literal = LITERALS.get(random.nextInt(LITERALS.size()));
          // whole, or cut short or broken by a newline
          int cut = random.nextInt(4) == 0 ? random.nextInt(literal.length()) : literal.length();
          text.append(literal, 0, cut);
          if (random.nextBoolean() && cut < literal.length()) {
            text.append('\n').append(literal.substring(cut));
          }
        } else {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      int from = 0;
      int end = bytes.length;
      if (round % 3 == 0 && end > 0) {
        // a range inside a larger buffer that starts at a line start
        int nl = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\n');
        from = nl < 0 ? 0 : nl + 1;
        end = from + random.nextInt(end - from + 1);
      }
      TrigramFilter filter = filters.get(round % filters.size());
      assertThat(found(filter, bytes, from, end)).as(text.toString()).containsExactly(expected(bytes, from, end));
    }
  }

  @Test
  void countsTheLinesOfLongStretchesWithoutLiterals() {
    TrigramFilter filter = filter(SAMPLES.get(1));
    Random random = new Random(11);
    // only newlines (every byte lane counts in every round), then ever fewer of them
    for (int share : new int[] {1, 2, 3, 7, 50}) {
      byte[] text = new byte[70_000 + random.nextInt(64)];
      for (int i = 0; i < text.length; i++) {
        text[i] = random.nextInt(share) == 0 ? (byte) '\n' : (byte) "abc xyz".charAt(random.nextInt(7));
      }
      int from = random.nextInt(8);
      assertThat(found(filter, text, from, text.length)).isEmpty();
    }
  }

  @Test
  void windowsChosenFromASampleFindTheSameLines() {
    TrigramFilter filter = filter(SAMPLES.get(0));
    byte[] text = ("x\n[ 2.0] -[ cut here ]-\nBUG: a\n==\n" + "=".repeat(60) + "\nbUG:\nrefcount_t: x")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(found(filter, text, 0, text.length)).containsExactly(expected(text, 0, text.length));
  }

  @Test
  void findsFourByteLiteralsAtEveryPositionUpToTheRangesEnd() {
    // the scan looks at every third triple, and a four-byte literal's window takes the byte after
    // it: the literal must be found whichever triple the scan meets, with or without a next byte
    for (String sample : SAMPLES) {
      TrigramFilter filter = filter(sample);
      for (int before = 0; before < 30; before++) {
        for (String after : List.of("", "\n", " x", "\nabc BUG")) {
          byte[] text = ("ab\n" + "y".repeat(before) + "BUG:" + after).getBytes(StandardCharsets.UTF_8);
          assertThat(found(filter, text, 0, text.length)).as(before + " " + after).containsExactly(3);
          assertThat(found(filter, text, 3, text.length)).as(before + " " + after).containsExactly(3);
        }
      }
    }
  }

  @Test
  void takesOnlyLiteralsOfAtLeastFourBytes() {
    assertThat(TrigramFilter.handles(List.of("BUG:", "Oops"))).isTrue();
    assertThat(TrigramFilter.handles(List.of("BUG:", "Oo"))).isFalse();
  }
}
