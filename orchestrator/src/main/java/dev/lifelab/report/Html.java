package dev.lifelab.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Escaping for text that comes from kernels and logs. Every character that could start markup or
 * an entity is escaped; control characters, which are invalid in HTML or invisible, are shown as
 * {@code \xNN} (so an ANSI colour sequence reads {@code \x1b[31m}); bidirectional overrides, which
 * could make text read differently from what it is, are shown as their code points.
 */
public final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values; null becomes "". */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\n', '\t' -> sb.append((char) cp);
        case '\r' -> { } // CR of CRLF console lines; a bare CR would only move the cursor
        default -> appendOther(sb, cp);
      }
    }
    return sb.toString();
  }

  private static void appendOther(StringBuilder sb, int cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      sb.append(String.format("\\x%02x", cp));
    } else if (isBidiControl(cp) || Character.getType(cp) == Character.SURROGATE
        || cp == 0xfeff) {
      sb.append(String.format("&lt;U+%04X&gt;", cp));
    } else {
      sb.appendCodePoint(cp);
    }
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200e || cp == 0x200f || cp == 0x061c;
  }

  /** An id attribute value built from arbitrary text: letters, digits, '-' and '_' only. */
  public static String id(String prefix, String s) {
    StringBuilder sb = new StringBuilder(prefix);
    for (char c : (s == null ? "" : s).toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_');
    }
    return sb.toString();
  }

  /**
   * A link from the page at {@code page} to {@code target}: relative when both are on one file
   * system tree, so that the report and the run directories can be moved or archived together.
   * Returned already escaped for an attribute.
   */
  public static String fileLink(Path page, Path target, boolean directory) {
    Path from = page.toAbsolutePath().normalize().getParent();
    Path to = target.toAbsolutePath().normalize();
    String path;
    try {
      path = from == null ? to.toString() : from.relativize(to).toString();
    } catch (IllegalArgumentException e) {
      path = to.toString();
    }
    if (path.isEmpty()) {
      path = ".";
    }
    if (directory) {
      path = path + "/";
    }
    try {
      String encoded = new URI(null, null, path, null).toASCIIString();
      if (to.toString().equals(path)) {
        encoded = "file://" + encoded;
      } else if (!encoded.startsWith(".")) {
        encoded = "./" + encoded; // a first segment with ':' must not read as a URL scheme
      }
      return esc(encoded);
    } catch (URISyntaxException e) {
      return esc(to.toUri().toString());
    }
  }
}
