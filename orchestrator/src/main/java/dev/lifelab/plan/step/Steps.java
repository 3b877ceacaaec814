package dev.lifelab.plan.step;

/** Validation shared by the step types. */
final class Steps {
  private Steps() {}

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  static void requireName(String name) {
    require(name != null && name.matches("[A-Za-z][A-Za-z0-9_-]*"),
        "name is required: a holder name of letters, digits, '-' and '_'");
  }

  static void requireModule(String module) {
    require(module != null && module.matches("[A-Za-z0-9_-]+"), "module must be a module name like i2c-dev");
  }
}
