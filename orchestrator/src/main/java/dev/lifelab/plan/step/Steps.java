package dev.lifelab.plan.step;

import dev.lifelab.common.Checks;

/** Checks shared by the step types. */
final class Steps {
  private Steps() {}

  static void checkName(Checks c, String name) {
    c.require(name != null && name.matches("[A-Za-z][A-Za-z0-9_-]*"), "name",
        "is required: a holder name of letters, digits, '-' and '_'");
  }

  static void checkModule(Checks c, String module) {
    c.require(module != null && module.matches("[A-Za-z0-9_-]+"), "module", "must be a module name like i2c-dev");
  }
}
