package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines and their flags come out right across buffer boundaries, whatever the sink skips. */
class LineReaderTest {
  private static final List<String> LITERALS = List.of("BUG:", "WARNING:", "general protection fault");

  private record Seen(long number, String text, boolean flagged) {}

  private static List<Seen> read(byte[] input, boolean everyLine) throws IOException {
    List<Seen> seen = new ArrayList<>();
    new LineReader(LITERALS).read(new ByteArrayInputStream(input), new LineReader.Sink() {
      @Override
      public void line(byte[] buf, int start, int end, long number, boolean flagged) {
        seen.add(new Seen(number, LineReader.decode(buf, start, end), flagged));
      }

      @Override
      public boolean wantsEveryLine() {
        return everyLine;
      }
    });
    return seen;
  }

  /** Several MiB of lines, some with a literal, some long, so that lines straddle buffers. */
  private static List<String> sampleLines() {
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120_000; i++) {
      StringBuilder line = new StringBuilder(String.format("[%8d.%06d] ", i, i % 999_999));
      int words = random.nextInt(random.nextInt(50) == 0 ? 3000 : 12);
      for (int w = 0; w < words; w++) {
        line.append("word").append(random.nextInt(1000)).append(' ');
      }
      if (random.nextInt(40) == 0) {
        line.insert(line.length() / 2, LITERALS.get(random.nextInt(LITERALS.size())));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static boolean hasLiteral(String line) {
    return LITERALS.stream().anyMatch(line::contains);
  }

  @Test
  void everyLineComesWithItsNumberAndFlag() throws IOException {
    List<String> lines = sampleLines();
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);

    List<Seen> seen = read(input, true);

    assertThat(seen).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(seen.get(i)).isEqualTo(new Seen(i + 1, lines.get(i), hasLiteral(lines.get(i))));
    }
  }

  @Test
  void skippedLinesStillCountForTheNumbersOfFlaggedOnes() throws IOException {
    List<String> lines = sampleLines();
    byte[] input = String.join("\n", lines).getBytes(StandardCharsets.US_ASCII);
    List<Seen> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (hasLiteral(lines.get(i))) {
        expected.add(new Seen(i + 1, lines.get(i), true));
      }
    }

    assertThat(read(input, false)).isEqualTo(expected).hasSizeGreaterThan(1000);
  }

  @Test
  void lastLineWithoutNewlineAndOverlongLinesAreHandedOnCut() throws IOException {
    String longLine = "x".repeat(3 * 1024 * 1024) + "BUG: after the cut";
    byte[] input = ("first\n" + longLine + "\nBUG: last").getBytes(StandardCharsets.US_ASCII);

    List<Seen> seen = read(input, true);

    assertThat(seen).extracting(Seen::number).containsExactly(1L, 2L, 3L);
    assertThat(seen.get(1).text()).hasSize(LineReader.MAX_LINE_BYTES);
    assertThat(seen.get(2)).isEqualTo(new Seen(3, "BUG: last", true));
  }
}
