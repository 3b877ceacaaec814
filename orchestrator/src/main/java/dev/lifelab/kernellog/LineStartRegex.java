package dev.lifelab.kernellog;

import java.util.regex.Pattern;

/**
 * A regex anchored at the start of a line ({@code ^}, optionally followed by {@code \s*} or
 * {@code " *"}), matched with {@link java.util.regex.Matcher#lookingAt}. The characters a match
 * can start with (after those leading blanks) are read from the regex text, and a line that
 * starts with another one is turned down without running the regex: most lines are.
 */
final class LineStartRegex {
  private static final String BLANKS = " \t\n\u000B\f\r";

  private final Pattern pattern;
  /** Characters skipped before the first one is tested: what {@code \s*} or {@code " *"} takes. */
  private final String skipped;
  /** ASCII characters a match can start with; null when any character may. */
  private final boolean[] first;

  LineStartRegex(Pattern pattern) {
    this.pattern = pattern;
    String regex = pattern.pattern();
    String skip = "";
    boolean[] chars = null;
    if (regex.startsWith("^") && pattern.flags() == 0) {
      String rest = regex.substring(1);
      if (rest.startsWith("\\s*")) {
        skip = BLANKS;
        rest = rest.substring(3);
      } else if (rest.startsWith(" *")) {
        skip = " ";
        rest = rest.substring(2);
      }
      chars = FirstChars.of(rest);
      for (int i = 0; chars != null && i < skip.length(); i++) {
        if (chars[skip.charAt(i)]) {
          chars = null; // the blanks may be the match's own
        }
      }
    }
    this.skipped = skip;
    this.first = chars;
  }

  Pattern pattern() {
    return pattern;
  }

  /** Whether the regex matches at the start of the text. */
  boolean lookingAt(String text) {
    return mayMatch(text) && pattern.matcher(text).lookingAt();
  }

  /** False when no match can start the text. */
  boolean mayMatch(String text) {
    if (first == null) {
      return true;
    }
    int i = 0;
    while (i < text.length() && skipped.indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    if (i == text.length()) {
      return false; // FirstChars only answers for regexes that cannot match the empty text
    }
    char c = text.charAt(i);
    return c >= 128 || first[c];
  }

  /**
   * Reads the set of first characters of a regex's matches from its text: literal characters,
   * escapes, classes, groups, alternatives and optional parts. Gives up (null) on anything else,
   * on characters beyond ASCII, and on regexes that can match the empty text.
   */
  static final class FirstChars {
    private final String re;
    private int i;

    private FirstChars(String re) {
      this.re = re;
    }

    /** The first characters of the regex's matches, or null when it cannot tell. */
    static boolean[] of(String regex) {
      FirstChars f = new FirstChars(regex);
      try {
        Set s = f.alternation();
        if (f.i != regex.length() || s.nullable || s.any) {
          return null;
        }
        return s.chars;
      } catch (GiveUp e) {
        return null;
      }
    }

    private static final class GiveUp extends RuntimeException {
      GiveUp() {
        super(null, null, false, false);
      }
    }

    /** First characters; {@code nullable}: can match the empty text; {@code any}: unknown. */
    private static final class Set {
      final boolean[] chars = new boolean[128];
      boolean nullable;
      boolean any;

      Set add(Set other) {
        for (int c = 0; c < 128; c++) {
          chars[c] |= other.chars[c];
        }
        any |= other.any;
        return this;
      }

      static Set of(String chars) {
        Set s = new Set();
        for (int k = 0; k < chars.length(); k++) {
          s.chars[chars.charAt(k)] = true;
        }
        return s;
      }

      static Set anyChar() {
        Set s = new Set();
        s.any = true;
        return s;
      }
    }

    private char peek() {
      return i < re.length() ? re.charAt(i) : 0;
    }

    private Set alternation() {
      Set result = sequence();
      while (peek() == '|') {
        i++;
        Set next = sequence();
        result.add(next);
        result.nullable |= next.nullable;
      }
      return result;
    }

    private Set sequence() {
      Set result = new Set();
      result.nullable = true;
      while (i < re.length() && peek() != '|' && peek() != ')') {
        Set atom = atom();
        boolean optional = quantifier();
        if (result.nullable) {
          result.add(atom);
          result.nullable = optional || atom.nullable;
        }
      }
      return result;
    }

    /** Reads a quantifier after an atom, if any; says whether it allows zero repetitions. */
    private boolean quantifier() {
      char c = peek();
      boolean optional;
      if (c == '?' || c == '*') {
        i++;
        optional = true;
      } else if (c == '+') {
        i++;
        optional = false;
      } else if (c == '{') {
        int close = re.indexOf('}', i);
        if (close < 0) {
          throw new GiveUp();
        }
        String bounds = re.substring(i + 1, close);
        if (!bounds.matches("[0-9]+(,[0-9]*)?")) {
          throw new GiveUp();
        }
        optional = Integer.parseInt(bounds.split(",")[0]) == 0;
        i = close + 1;
      } else {
        return false;
      }
      if (peek() == '?' || peek() == '+') {
        i++; // lazy or possessive
      }
      return optional;
    }

    private Set atom() {
      char c = re.charAt(i++);
      switch (c) {
        case '(' -> {
          if (peek() == '?') {
            i++;
            char kind = peek();
            if (kind == ':') {
              i++;
            } else if (kind == '<' && i + 1 < re.length() && Character.isLetter(re.charAt(i + 1))) {
              i = re.indexOf('>', i) + 1;
              if (i == 0) {
                throw new GiveUp();
              }
            } else {
              throw new GiveUp(); // lookaround, flags, atomic group
            }
          }
          Set inner = alternation();
          if (peek() != ')') {
            throw new GiveUp();
          }
          i++;
          return inner;
        }
        case '[' -> {
          return charClass();
        }
        case '\\' -> {
          return escape(false);
        }
        case '.', '^', '$' -> {
          return Set.anyChar();
        }
        case ')', '|', '*', '+', '?', '{' -> throw new GiveUp();
        default -> {
          return ascii(c);
        }
      }
    }

    private static Set ascii(char c) {
      if (c >= 128) {
        throw new GiveUp();
      }
      return Set.of(String.valueOf(c));
    }

    private Set escape(boolean inClass) {
      if (i >= re.length()) {
        throw new GiveUp();
      }
      char c = re.charAt(i++);
      return switch (c) {
        case 's' -> Set.of(BLANKS);
        case 'd' -> Set.of("0123456789");
        case 'w' -> Set.of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
        case 'n' -> Set.of("\n");
        case 't' -> Set.of("\t");
        case 'r' -> Set.of("\r");
        case 'f' -> Set.of("\f");
        case 'e' -> Set.of("\u001B");
        case 'a' -> Set.of("\u0007");
        default -> {
          if (Character.isLetterOrDigit(c)) {
            throw new GiveUp(); // other classes, code points, back references, boundaries
          }
          yield ascii(c);
        }
      };
    }

    private Set charClass() {
      if (peek() == '^') {
        throw new GiveUp();
      }
      Set result = new Set();
      boolean firstInClass = true;
      while (i < re.length()) {
        char c = re.charAt(i);
        if (c == ']' && !firstInClass) {
          i++;
          return result;
        }
        firstInClass = false;
        if (c == '[' || c == '&') {
          throw new GiveUp(); // unions and intersections
        }
        Set member;
        char low;
        if (c == '\\') {
          i++;
          member = escape(true);
          low = re.charAt(i - 1);
          if (Character.isLetter(low) && low != 'n' && low != 't' && low != 'r' && low != 'f' && low != 'e' && low != 'a') {
            result.add(member);
            continue; // a class escape cannot start a range
          }
          low = firstOf(member);
        } else {
          i++;
          member = ascii(c);
          low = c;
        }
        if (peek() == '-' && i + 1 < re.length() && re.charAt(i + 1) != ']') {
          i++;
          char high = re.charAt(i++);
          if (high == '\\') {
            high = firstOf(escape(true));
          }
          if (high >= 128 || high < low) {
            throw new GiveUp();
          }
          for (char x = low; x <= high; x++) {
            result.chars[x] = true;
          }
        } else {
          result.add(member);
        }
      }
      throw new GiveUp();
    }

    private static char firstOf(Set single) {
      for (char c = 0; c < 128; c++) {
        if (single.chars[c]) {
          return c;
        }
      }
      throw new GiveUp();
    }
  }
}
