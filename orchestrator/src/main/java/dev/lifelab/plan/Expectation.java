package dev.lifelab.plan;

import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
import dev.lifelab.common.NaturalOrder;
import dev.lifelab.result.Verdict;

/**
 * What a plan expects on some kernels, so a run can say "as expected" or "changed".
 *
 * @param kernel which kernels: a release prefix ({@code 6.1}) or a bound ({@code <6.5},
 *     {@code >=6.12}); null for all
 * @param verdict the expected verdict
 * @param in a function or title fragment the hang or a finding must name, or null
 */
public record Expectation(String kernel, Verdict verdict, String in) implements Checked {
  @Override
  public void check(Checks c) {
    c.require(verdict != null, "verdict", "is required (pass, hang, fail)")
        .require(verdict != Verdict.INFRA_ERROR, "verdict", "infra-error is not a kernel outcome to expect")
        .require(kernel == null || kernel.matches("(<|<=|>|>=)?\\d+(\\.\\d+)*(-\\S+)?"), "kernel",
            "'" + kernel + "' must look like 6.1, <6.5 or >=6.12");
  }

  /** Whether this expectation is about a kernel with release {@code release} (uname -r). */
  public boolean appliesTo(String release) {
    if (kernel == null) {
      return true;
    }
    if (release == null) {
      return false;
    }
    String number = release.replaceFirst("^(\\d+(\\.\\d+)*).*", "$1");
    String op = kernel.replaceFirst("^(<=|>=|<|>)?.*", "$1");
    String bound = kernel.substring(op.length());
    if (op.isEmpty()) {
      return release.equals(bound) || release.startsWith(bound + ".") || release.startsWith(bound + "-");
    }
    int c = NaturalOrder.INSTANCE.compare(number, bound);
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }
}
