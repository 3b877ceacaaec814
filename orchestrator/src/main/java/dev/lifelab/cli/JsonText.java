package dev.lifelab.cli;

import java.io.PrintWriter;

/**
 * JSON text in a char array: reports are long, most of their characters need no escape, and
 * loops over arrays are fast even before the JIT compiler has got to them.
 */
final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private char[] buf = new char[1 << 12];
  private char[] scratch = new char[1 << 12];
  private int length;

  void clear() {
    length = 0;
  }

  JsonText raw(String s) {
    ensure(s.length());
    s.getChars(0, s.length(), buf, length);
    length += s.length();
    return this;
  }

  /** A JSON string: quotes, backslashes and control characters escaped, nothing else. */
  JsonText string(String s) {
    if (s == null) {
      return raw("null");
    }
    int n = s.length();
    if (scratch.length < n) {
      scratch = new char[Math.max(n, scratch.length * 2)];
    }
    s.getChars(0, n, scratch, 0);
    ensure(n + 2);
    buf[length++] = '"';
    int plainFrom = 0;
    for (int i = 0; i < n; i++) {
      char c = scratch[i];
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      ensure(i - plainFrom + 6 + (n - i));
      System.arraycopy(scratch, plainFrom, buf, length, i - plainFrom);
      length += i - plainFrom;
      buf[length++] = '\\';
      switch (c) {
        case '"', '\\' -> buf[length++] = c;
        case '\n' -> buf[length++] = 'n';
        case '\t' -> buf[length++] = 't';
        case '\r' -> buf[length++] = 'r';
        case '\b' -> buf[length++] = 'b';
        case '\f' -> buf[length++] = 'f';
        default -> {
          buf[length++] = 'u';
          buf[length++] = '0';
          buf[length++] = '0';
          buf[length++] = HEX[c >> 4];
          buf[length++] = HEX[c & 0xf];
        }
      }
      plainFrom = i + 1;
    }
    ensure(n - plainFrom + 1);
    System.arraycopy(scratch, plainFrom, buf, length, n - plainFrom);
    length += n - plainFrom;
    buf[length++] = '"';
    return this;
  }

  private void ensure(int more) {
    if (length + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(length + more, buf.length * 2));
    }
  }

  void writeTo(PrintWriter out) {
    out.write(buf, 0, length);
  }

  @Override
  public String toString() {
    return new String(buf, 0, length);
  }
}
