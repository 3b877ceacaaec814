package dev.lifelab.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A kernel problem that is already reported or understood, so that the report shows its
 * findings as "known" instead of "new".
 *
 * @param id short unique name
 * @param titlePattern pattern as written in the file (a glob, or a regex for title-regex)
 * @param regex true for {@code title-regex}: found anywhere in the title; a glob must match it
 *     whole
 * @param kernelFrom first kernel version affected (inclusive), or null
 * @param kernelBefore first kernel version no longer affected (exclusive), or null
 * @param targets target names (globs) it applies to; empty = all
 * @param plans plan names (globs) it applies to; empty = all
 * @param link where it is reported or discussed
 * @param status open, fixed or wontfix
 * @param note free text, or null
 * @param where file:line of the entry, for messages
 */
public record KnownIssue(
    String id,
    String titlePattern,
    boolean regex,
    String kernelFrom,
    String kernelBefore,
    List<String> targets,
    List<String> plans,
    String link,
    Status status,
    String note,
    @JsonIgnore String where,
    @JsonIgnore Pattern compiled) {

  /** Whether the issue is still a problem upstream. */
  public enum Status {
    OPEN, FIXED, WONTFIX;

    @JsonValue
    public String label() {
      return name().toLowerCase();
    }
  }

  /** Whether this issue explains {@code p} seen on {@code target}, {@code plan}, {@code kernel}. */
  public boolean matches(Problem p, String target, String plan, String kernel) {
    boolean title = regex
        ? compiled.matcher(p.title()).find() || compiled.matcher(p.signature()).find()
        : compiled.matcher(p.title()).matches() || compiled.matcher(p.signature()).matches();
    if (!title) {
      return false;
    }
    if (kernelFrom != null && (kernel == null || VersionOrder.compareVersions(kernel, kernelFrom) < 0)) {
      return false;
    }
    if (kernelBefore != null
        && (kernel == null || VersionOrder.compareVersions(kernel, kernelBefore) >= 0)) {
      return false;
    }
    return anyGlob(targets, target) && anyGlob(plans, plan);
  }

  private static boolean anyGlob(List<String> globs, String value) {
    if (globs.isEmpty()) {
      return true;
    }
    if (value == null) {
      return false;
    }
    for (String g : globs) {
      if (glob(g).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  /** {@code *} is any text, {@code ?} one character, everything else itself. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      if (ch == '*' || ch == '?') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(ch == '*' ? ".*" : ".");
      } else {
        literal.append(ch);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
