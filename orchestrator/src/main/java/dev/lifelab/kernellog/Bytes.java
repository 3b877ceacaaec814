package dev.lifelab.kernellog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Searches in byte arrays that the tight loops of the reader need. */
final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  private Bytes() {}

  /** Number of newline bytes in {@code buf[from..to)}, eight at a time. */
  static long countNewlines(byte[] buf, int from, int to) {
    long count = 0;
    long lanes = 0;
    int rounds = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      lanes += newlineLanes((long) LONGS.get(buf, i));
      // a lane holds up to 255: summed before it could overflow
      if (++rounds == 255) {
        count += sumLanes(lanes);
        lanes = 0;
        rounds = 0;
      }
    }
    count += sumLanes(lanes);
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  /**
   * A 1 in each byte of {@code v} that is a newline, 0 in the others: added up over many longs,
   * each byte lane counts its newlines (Long.bitCount is a call, not an instruction, under the
   * quick compiler).
   */
  static long newlineLanes(long v) {
    long x = v ^ NEWLINES; // a newline byte is now zero
    return ~(((x & LOW7) + LOW7) | x | LOW7) >>> 7;
  }

  /** The sum of the eight byte lanes of {@code lanes}. */
  static long sumLanes(long lanes) {
    long pairs = (lanes & 0x00ff00ff00ff00ffL) + (lanes >>> 8 & 0x00ff00ff00ff00ffL);
    return pairs * 0x0001000100010001L >>> 48;
  }

  /** Index of the first {@code b} in {@code buf[from..to)}, or -1. */
  static int indexOf(byte[] buf, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the last newline before {@code end}, or -1. */
  static int lastNewline(byte[] buf, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

}
