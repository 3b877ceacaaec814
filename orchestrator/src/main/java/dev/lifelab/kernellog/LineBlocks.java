package dev.lifelab.kernellog;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Cuts a byte stream into blocks of whole lines. Buffers are reused once their block has been
 * handed on ({@link #recycle}); the number of buffers bounds the memory in use. A line longer
 * than {@link LineReader#MAX_LINE_BYTES} is cut to that length.
 */
final class LineBlocks {
  static final int BLOCK_BYTES = 1 << 20;

  /** Lines in {@code buf[from..end)}; all end with a newline unless {@code last}. */
  record Block(byte[] buf, int from, int end, boolean last) {}

  private final InputStream in;
  private final BlockingQueue<byte[]> free;
  /** Buffers not made yet: they are made as the reader gets ahead, so a short log takes one. */
  private int unmade;
  /** The start of a line that did not fit in the previous block. */
  private byte[] carry = new byte[0];
  private int carryLength;
  private boolean discarding;
  private boolean ended;

  LineBlocks(InputStream in, int buffers) {
    this.in = in;
    this.free = new ArrayBlockingQueue<>(buffers);
    this.unmade = buffers;
  }

  /** Gives back the buffer of a block that has been handed on. */
  void recycle(byte[] buf) {
    free.offer(buf);
  }

  /**
   * The next block, or null at the end of the stream. Returns as soon as the stream has no more
   * bytes ready, so that a live log is analysed as it comes.
   */
  Block next() throws IOException, InterruptedException {
    while (!ended) {
      byte[] buf = free.poll();
      if (buf == null && unmade > 0) {
        unmade--;
        buf = new byte[BLOCK_BYTES];
      } else if (buf == null) {
        buf = free.take();
      }
      System.arraycopy(carry, 0, buf, 0, carryLength);
      int limit = carryLength;
      int n;
      do {
        n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
          limit += n;
        }
      } while (n >= 0 && limit < buf.length && (n == 0 || in.available() > 0));
      ended = n < 0;
      int from = 0;
      if (discarding) {
        int nl = Bytes.indexOf(buf, 0, limit, (byte) '\n');
        if (nl < 0) {
          carryLength = 0;
          recycle(buf);
          continue;
        }
        from = nl + 1;
        discarding = false;
      }
      int end = ended ? limit : Math.max(Bytes.lastNewline(buf, limit), from - 1) + 1;
      if (end <= from && limit - from > LineReader.MAX_LINE_BYTES) {
        // An overlong line: keep its start as a line of its own, drop the rest.
        buf[from + LineReader.MAX_LINE_BYTES] = '\n';
        end = from + LineReader.MAX_LINE_BYTES + 1;
        limit = end;
        discarding = true;
      }
      keepCarry(buf, end, limit);
      if (end > from) {
        return new Block(buf, from, end, ended);
      }
      recycle(buf);
    }
    return null;
  }

  private void keepCarry(byte[] buf, int end, int limit) {
    carryLength = limit - end;
    if (carry.length < carryLength) {
      carry = new byte[BLOCK_BYTES];
    }
    System.arraycopy(buf, end, carry, 0, carryLength);
  }
}
