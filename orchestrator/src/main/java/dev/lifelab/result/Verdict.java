package dev.lifelab.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Outcome of one plan on one target and kernel. Kernel verdicts and infra errors stay apart. */
public enum Verdict {
  /** No finding, no hang. */
  PASS("pass"),
  /** A step blocked past its timeout; evidence attached. */
  HANG("hang"),
  /** The kernel reported problems (oops, KASAN, WARNING, ...). */
  FAIL("fail"),
  /** The target or the tool failed; says nothing about the kernel under test. */
  INFRA_ERROR("infra-error");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** Worse verdicts sort higher, so that a plan's verdict is the worst seen. */
  public boolean isKernelProblem() {
    return this == HANG || this == FAIL;
  }

  @JsonCreator
  public static Verdict of(String label) {
    for (Verdict v : values()) {
      if (v.label.equalsIgnoreCase(label) || v.name().equalsIgnoreCase(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict '" + label + "' (pass, hang, fail, infra-error)");
  }

  @Override
  public String toString() {
    return label;
  }
}
