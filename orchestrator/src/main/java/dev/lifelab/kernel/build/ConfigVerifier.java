package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks that every option the fragments asked for survived {@code make olddefconfig}. Kconfig
 * silently drops options whose dependencies are not met; a debug kernel without, say, KASAN
 * would then pass tests it should fail, so any difference is an error that names the option and
 * what it was missing.
 */
public final class ConfigVerifier {

  /** One requested option that did not get its value, with Kconfig's reason as far as known. */
  public record Dropped(String symbol, String requested, String actual, String reason) {
    @Override
    public String toString() {
      return "CONFIG_" + symbol + ": requested " + requested + ", got " + actual
          + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
  }

  private ConfigVerifier() {}

  /**
   * The requested options that differ in {@code actual}. {@code kconfig} is only loaded when
   * something differs, since indexing the Kconfig tree takes a moment.
   */
  public static List<Dropped> check(ConfigOptions requested, ConfigOptions actual,
      Supplier<KconfigIndex> kconfig) {
    List<Dropped> out = new ArrayList<>();
    KconfigIndex idx = null;
    for (Map.Entry<String, String> e : requested.asMap().entrySet()) {
      String sym = e.getKey();
      String want = e.getValue();
      String got = actual.effective(sym);
      if (satisfied(want, got)) {
        continue;
      }
      if (idx == null) {
        idx = kconfig.get();
      }
      out.add(new Dropped(sym, want, got, explain(idx, sym, want, actual)));
    }
    return out;
  }

  /** Fails with a message listing every dropped option and why. */
  public static void verify(ConfigOptions requested, Path dotConfig, Supplier<KconfigIndex> kconfig,
      List<String> fragmentNames) {
    List<Dropped> dropped = check(requested, ConfigOptions.read(dotConfig), kconfig);
    if (!dropped.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      sb.append(dropped.size()).append(" option(s) requested by ")
          .append(String.join(" + ", fragmentNames))
          .append(" did not survive olddefconfig:");
      for (Dropped d : dropped) {
        sb.append("\n  ").append(d);
      }
      sb.append("\nresulting config: ").append(dotConfig);
      throw new UserError(sb.toString());
    }
  }

  static boolean satisfied(String want, String got) {
    if (want.equals(got)) {
      return true;
    }
    // A tristate asked as a module and built in still provides the code.
    if (want.equals("m") && got.equals("y")) {
      return true;
    }
    // Numbers may be written differently (0x10 vs 16).
    try {
      return Long.decode(want).equals(Long.decode(got));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String explain(KconfigIndex idx, String sym, String want, ConfigOptions actual) {
    List<KconfigIndex.Definition> defs = idx.definitions(sym);
    if (defs.isEmpty()) {
      return "not defined in this kernel's Kconfig for this architecture; renamed or removed?";
    }
    if (want.equals("n")) {
      List<String> on = new ArrayList<>();
      for (String sel : idx.selectors(sym)) {
        if (!actual.effective(sel).equals("n") && !on.contains(sel)) {
          on.add(sel + "=" + actual.effective(sel));
        }
      }
      if (!on.isEmpty()) {
        return "selected by " + String.join(", ", on);
      }
      boolean prompt = defs.stream().anyMatch(KconfigIndex.Definition::hasPrompt);
      return prompt ? "forced on by another option" : "has no prompt: on whenever its dependencies are";
    }
    List<String> reasons = new ArrayList<>();
    for (KconfigIndex.Definition d : defs) {
      List<String> unmet = new ArrayList<>();
      for (String dep : d.depends()) {
        KconfigExpr ex = KconfigExpr.parse(dep);
        int v = ex.eval(actual);
        if (v == 0 || (v == 1 && want.equals("y"))) {
          unmet.add("depends on " + dep + describe(ex.blame(actual), actual));
        }
      }
      if (unmet.isEmpty()) {
        if (!d.hasPrompt()) {
          unmet.add("has no prompt: only other options can select it");
        } else {
          for (String cond : d.promptConditions()) {
            KconfigExpr ex = KconfigExpr.parse(cond);
            if (ex.eval(actual) == 0) {
              unmet.add("prompt only visible if " + cond + describe(ex.blame(actual), actual));
            }
          }
        }
      }
      if (!unmet.isEmpty()) {
        reasons.add(String.join("; ", unmet) + " [" + d.where() + "]");
      }
    }
    if (reasons.isEmpty()) {
      return "dependencies met; overridden by a choice or another option's value";
    }
    return "unmet: " + String.join(" | ", reasons);
  }

  private static String describe(Set<String> blamed, ConfigOptions actual) {
    if (blamed.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String s : blamed) {
      parts.add(s + "=" + actual.effective(s));
    }
    return " where " + String.join(", ", parts);
  }
}
