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
