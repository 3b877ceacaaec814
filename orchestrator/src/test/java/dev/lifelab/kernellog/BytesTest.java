package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void countsNewlinesOfAnyRangeAndDensity() {
    Random random = new Random(5);
    // all newlines first: every byte lane is full long before the ranges end
    for (int share : new int[] {1, 2, 9, 80}) {
      byte[] text = new byte[5_000 + random.nextInt(64)];
      for (int i = 0; i < text.length; i++) {
        text[i] = random.nextInt(share) == 0 ? (byte) '\n' : (byte) 'x';
      }
      for (int round = 0; round < 20; round++) {
        int from = random.nextInt(40);
        int to = text.length - random.nextInt(40);
        int expected = 0;
        for (int i = from; i < to; i++) {
          expected += text[i] == '\n' ? 1 : 0;
        }
        assertThat(Bytes.countNewlines(text, from, to)).as("1/%d newlines, [%d, %d)", share, from, to)
            .isEqualTo(expected);
      }
    }
  }
}
