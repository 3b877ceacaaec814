package dev.lifelab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Natural order of kernel version strings: runs of digits compare as numbers, so {@code
 * 6.1.0-47 < 6.1.0-50 < 6.12.107}; a release candidate comes before its release ({@code 6.13-rc7
 * < 6.13 < 6.13.1}).
 */
public final class VersionOrder implements Comparator<String> {
  public static final VersionOrder INSTANCE = new VersionOrder();

  private VersionOrder() {}

  public static int compareVersions(String a, String b) {
    return INSTANCE.compare(a, b);
  }

  @Override
  public int compare(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    List<String> x = tokens(a);
    List<String> y = tokens(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      if (i >= x.size()) {
        return isPreRelease(y, i) ? 1 : -1;
      }
      if (i >= y.size()) {
        return isPreRelease(x, i) ? -1 : 1;
      }
      int c = compareToken(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  }

  /** The rest of a version from token {@code i} on is a pre-release marker such as "-rc3". */
  private static boolean isPreRelease(List<String> tokens, int i) {
    String t = tokens.get(i);
    if (!Character.isDigit(t.charAt(0))) {
      String word = t.replaceAll("^[-.~_+]+", "").toLowerCase();
      return word.startsWith("rc");
    }
    return false;
  }

  private static int compareToken(String s, String t) {
    boolean ds = Character.isDigit(s.charAt(0));
    boolean dt = Character.isDigit(t.charAt(0));
    if (ds && dt) {
      String u = s.replaceFirst("^0+(?=\\d)", "");
      String v = t.replaceFirst("^0+(?=\\d)", "");
      return u.length() != v.length() ? Integer.compare(u.length(), v.length()) : u.compareTo(v);
    }
    if (ds != dt) {
      // 6.1.0-47 vs 6.1-rc2: a number continues the version further than a separator does.
      return ds ? 1 : -1;
    }
    boolean rs = isRc(s);
    boolean rt = isRc(t);
    if (rs != rt) {
      return rs ? -1 : 1;
    }
    return s.compareTo(t);
  }

  private static boolean isRc(String t) {
    return t.replaceAll("^[-.~_+]+", "").toLowerCase().startsWith("rc");
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int j = i;
      boolean digit = Character.isDigit(s.charAt(i));
      while (j < s.length() && Character.isDigit(s.charAt(j)) == digit) {
        j++;
      }
      out.add(s.substring(i, j));
      i = j;
    }
    return out;
  }
}
