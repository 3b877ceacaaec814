package dev.lifelab.kernellog;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Regexes of which it is asked whether any finds a match in a text. A regex whose matches must
 * contain some plain text ({@link RequiredLiteral}) is only run on texts that contain it: most
 * texts do not, and {@link String#contains} tells that far faster than the regex.
 */
final class PatternSet {
  private final Pattern[] patterns;
  /** For each regex, texts one of which its matches contain, or null. */
  private final String[][] literals;

  /**
   * @param literalsOf for a regex, texts one of which its matches contain, or null (what {@link
   *     RequiredLiteral#anyOfPattern} says; the table's compiler works it out once per regex)
   */
  PatternSet(List<Pattern> patterns, Function<Pattern, String[]> literalsOf) {
    this.patterns = patterns.toArray(new Pattern[0]);
    this.literals = new String[this.patterns.length][];
    for (int i = 0; i < literals.length; i++) {
      literals[i] = literalsOf.apply(this.patterns[i]);
    }
  }

  boolean anyFinds(String text) {
    for (int i = 0; i < patterns.length; i++) {
      if (mayMatch(text, literals[i]) && patterns[i].matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text holds one of the literals (or there are none to go by). */
  static boolean mayMatch(String text, String[] literals) {
    if (literals == null) {
      return true;
    }
    for (String literal : literals) {
      if (text.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return patterns.length;
  }
}
