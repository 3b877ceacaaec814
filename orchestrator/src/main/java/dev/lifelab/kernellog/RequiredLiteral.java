package dev.lifelab.kernellog;

/**
 * The longest run of plain characters every match of a regex must contain, found from the regex
 * text: outside groups and character classes, not repeated or made optional. A line without it
 * cannot match, which {@link String#contains} tells far faster than the regex.
 */
final class RequiredLiteral {
  private static final String META = "\\[](){}.*+?|^$";

  private RequiredLiteral() {}

  /**
   * The required literal of a compiled regex, or null also when the regex uses what {@link #of}
   * does not read (flags, quoting, escapes that stand for other characters, property classes).
   */
  static String ofPattern(java.util.regex.Pattern p) {
    return readable(p) ? of(p.pattern()) : null;
  }

  /** Whether {@link #of} reads the regex right: no flags, quoting, escapes for other characters. */
  private static boolean readable(java.util.regex.Pattern p) {
    return p.flags() == 0 && !UNREADABLE.matcher(p.pattern()).find();
  }

  private static final java.util.regex.Pattern UNREADABLE =
      java.util.regex.Pattern.compile("\\\\[xuc0NQEpPkbBG]|\\(\\?[a-zA-Z^-]");

  /**
   * Texts one of which every match of a compiled regex contains: the required literal of each
   * alternative at its top level; null when an alternative has none (or see {@link #ofPattern}).
   */
  static String[] anyOfPattern(java.util.regex.Pattern p) {
    if (!readable(p)) {
      return null;
    }
    java.util.List<String> literals = new java.util.ArrayList<>();
    return anyOf(p.pattern(), literals) ? literals.toArray(new String[0]) : null;
  }

  /** Adds a required literal of each top-level alternative to {@code literals}; false if one has none. */
  private static boolean anyOf(String regex, java.util.List<String> literals) {
    for (String branch : topLevelBranches(regex)) {
      String literal = of(branch);
      if (literal == null) {
        // an alternative that is one group as a whole, (?:...) or (...): its own alternatives
        String inner = wholeGroup(branch);
        if (inner == null || !anyOf(inner, literals)) {
          return false;
        }
      } else if (!literals.contains(literal)) {
        literals.add(literal);
      }
    }
    return true;
  }

  /** The inside of a regex that is a single plain or non-capturing group, else null. */
  private static String wholeGroup(String regex) {
    if (!regex.startsWith("(") || !regex.endsWith(")") || regex.startsWith("(?") && !regex.startsWith("(?:")) {
      return null;
    }
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = closingBracket(regex, i);
        if (i < 0) {
          return null;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0 && i != regex.length() - 1) {
        return null; // the group closes before the end
      }
    }
    return regex.substring(regex.startsWith("(?:") ? 3 : 1, regex.length() - 1);
  }

  /** The regex split at its top-level '|' (outside groups, classes and escapes). */
  private static java.util.List<String> topLevelBranches(String regex) {
    java.util.List<String> branches = new java.util.ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        int close = closingBracket(regex, i);
        if (close < 0) {
          return java.util.List.of(regex);
        }
        i = close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        branches.add(regex.substring(from, i));
        from = i + 1;
      }
    }
    branches.add(regex.substring(from));
    return branches;
  }

  /** The required literal, or null when none can be told (alternation at the top, no plain text). */
  static String of(String regex) {
    String best = "";
    StringBuilder run = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && depth == 0
          && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
        run.append(regex.charAt(++i)); // an escaped punctuation character stands for itself
        continue;
      }
      if (c == '\\' || c == '[') {
        best = longer(best, run);
        run.setLength(0);
        if (c == '[') {
          i = closingBracket(regex, i);
          if (i < 0) {
            return null;
          }
        } else {
          i++;
        }
        continue;
      }
      if (c == '{' && depth == 0) {
        // a counted repetition of the character before: it may be none, and the count is no text
        if (run.length() > 0) {
          run.setLength(run.length() - 1);
        }
        best = longer(best, run);
        run.setLength(0);
        i = regex.indexOf('}', i);
        if (i < 0) {
          return null;
        }
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return null;
      }
      if (depth == 0 && META.indexOf(c) < 0) {
        run.append(c);
        continue;
      }
      if ((c == '?' || c == '*' || c == '{') && run.length() > 0) {
        run.setLength(run.length() - 1); // the quantifier applies to the last character
      }
      best = longer(best, run);
      run.setLength(0);
    }
    best = longer(best, run);
    return best.isEmpty() ? null : best;
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  private static int closingBracket(String regex, int open) {
    for (int i = open + 1; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']' && i > open + 1) {
        return i;
      }
    }
    return -1;
  }
}
