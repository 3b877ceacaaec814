package dev.lifelab.common;

import java.util.List;

/** Reports the first failed check of a {@link Checked} value with the path of the field. */
public final class Checks {
  /** A failed check: the field path ({@code steps[2].timeout}) and what is wrong. */
  public static final class FieldError extends RuntimeException {
    private final String path;

    FieldError(String path, String message) {
      super(message);
      this.path = path;
    }

    public String path() {
      return path;
    }
  }

  private final String prefix;

  private Checks(String prefix) {
    this.prefix = prefix;
  }

  public static Checks root() {
    return new Checks("");
  }

  /** Fails with {@code message} about {@code field} unless {@code ok}. */
  public Checks require(boolean ok, String field, String message) {
    if (!ok) {
      throw new FieldError(path(field), message);
    }
    return this;
  }

  /** Checks a nested value with paths under {@code field}. */
  public Checks nested(String field, Checked value) {
    if (value != null) {
      value.check(new Checks(path(field) + "."));
    }
    return this;
  }

  /** Checks each item of a list, as {@code field[i]}. */
  public Checks each(String field, List<? extends Checked> items) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) != null) {
        items.get(i).check(new Checks(path(field) + "[" + i + "]."));
      }
    }
    return this;
  }

  private String path(String field) {
    String p = prefix + (field == null ? "" : field);
    return p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
  }
}
