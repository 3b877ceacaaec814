package dev.lifelab.common;

/**
 * A value read from a user's YAML file that checks itself after binding, so that errors point
 * at the offending field's line and column, and unknown keys are reported before bad values.
 */
public interface Checked {
  void check(Checks checks);
}
