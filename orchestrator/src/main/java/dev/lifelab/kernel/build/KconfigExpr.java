package dev.lifelab.kernel.build;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Kconfig expression ({@code A && (B || !C)}, {@code X = "y"}, {@code N >= 3}) evaluated as
 * tristate against a .config: 0 = n, 1 = m, 2 = y. Only what is needed to explain why an option
 * did not get its requested value.
 */
sealed interface KconfigExpr {

  /** Tristate value of this expression under {@code config}. */
  int eval(ConfigOptions config);

  /** Symbols whose current values make this expression differ from {@code wantTrue}. */
  void blame(ConfigOptions config, boolean wantTrue, Set<String> out);

  default Set<String> blame(ConfigOptions config) {
    Set<String> out = new LinkedHashSet<>();
    blame(config, true, out);
    return out;
  }

  record Sym(String name) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      switch (name) {
        case "y": return 2;
        case "m": return 1;
        case "n": return 0;
        default:
          String v = c.effective(name);
          return v.equals("y") ? 2 : v.equals("m") ? 1 : 0;
      }
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {
      if (isSymbol(name) && (eval(c) > 0) != wantTrue) {
        out.add(name);
      }
    }

    String value(ConfigOptions c) {
      return isSymbol(name) ? c.effective(name) : name;
    }

    static boolean isSymbol(String s) {
      return !s.isEmpty() && !s.equals("y") && !s.equals("m") && !s.equals("n")
          && !s.startsWith("\"") && !s.startsWith("$") && !Character.isDigit(s.charAt(0))
          && !s.startsWith("-");
    }
  }

  /** A macro such as {@code $(cc-option,...)} cannot be evaluated here: taken as true. */
  record Unknown(String text) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      return 2;
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {}
  }

  record Not(KconfigExpr e) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      return 2 - e.eval(c);
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {
      e.blame(c, !wantTrue, out);
    }
  }

  record And(KconfigExpr a, KconfigExpr b) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      return Math.min(a.eval(c), b.eval(c));
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {
      if (wantTrue) {
        // only the parts that are false are to blame
        if (a.eval(c) == 0) {
          a.blame(c, true, out);
        }
        if (b.eval(c) == 0) {
          b.blame(c, true, out);
        }
      } else {
        a.blame(c, false, out);
        b.blame(c, false, out);
      }
    }
  }

  record Or(KconfigExpr a, KconfigExpr b) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      return Math.max(a.eval(c), b.eval(c));
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {
      if (wantTrue) {
        a.blame(c, true, out);
        b.blame(c, true, out);
      } else {
        if (a.eval(c) > 0) {
          a.blame(c, false, out);
        }
        if (b.eval(c) > 0) {
          b.blame(c, false, out);
        }
      }
    }
  }

  record Compare(Sym left, String op, Sym right) implements KconfigExpr {
    @Override
    public int eval(ConfigOptions c) {
      String l = unquote(left.value(c));
      String r = unquote(right.value(c));
      int cmp;
      try {
        cmp = Long.compare(Long.decode(l), Long.decode(r));
      } catch (NumberFormatException e) {
        cmp = l.compareTo(r);
      }
      boolean res = switch (op) {
        case "=" -> l.equals(r);
        case "!=" -> !l.equals(r);
        case "<" -> cmp < 0;
        case "<=" -> cmp <= 0;
        case ">" -> cmp > 0;
        default -> cmp >= 0;
      };
      return res ? 2 : 0;
    }

    @Override
    public void blame(ConfigOptions c, boolean wantTrue, Set<String> out) {
      if ((eval(c) > 0) != wantTrue) {
        for (Sym s : List.of(left, right)) {
          if (Sym.isSymbol(s.name())) {
            out.add(s.name());
          }
        }
      }
    }

    private static String unquote(String s) {
      return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
          ? s.substring(1, s.length() - 1) : s;
    }
  }

  /** Parses an expression; a malformed one becomes {@link Unknown} rather than an error. */
  static KconfigExpr parse(String text) {
    try {
      Parser p = new Parser(tokenize(text));
      KconfigExpr e = p.or();
      return p.pos == p.tokens.size() ? e : new Unknown(text);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return new Unknown(text);
    }
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '"') {
        int j = s.indexOf('"', i + 1);
        j = j < 0 ? s.length() - 1 : j;
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
        int depth = 0;
        int j = i + 1;
        for (; j < s.length(); j++) {
          if (s.charAt(j) == '(') {
            depth++;
          } else if (s.charAt(j) == ')' && --depth == 0) {
            break;
          }
        }
        out.add(s.substring(i, Math.min(j + 1, s.length())));
        i = j + 1;
      } else if (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith("!=", i)
          || s.startsWith("<=", i) || s.startsWith(">=", i)) {
        out.add(s.substring(i, i + 2));
        i += 2;
      } else if ("()!=<>".indexOf(ch) >= 0) {
        out.add(String.valueOf(ch));
        i++;
      } else {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j))
            || "_-.x".indexOf(s.charAt(j)) >= 0)) {
          j++;
        }
        if (j == i) {
          throw new IllegalStateException("unexpected " + ch);
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  /** Recursive descent, lowest precedence first: ||, &&, !, comparison, atom. */
  final class Parser {
    final List<String> tokens;
    int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    KconfigExpr or() {
      KconfigExpr e = and();
      while (pos < tokens.size() && tokens.get(pos).equals("||")) {
        pos++;
        e = new Or(e, and());
      }
      return e;
    }

    KconfigExpr and() {
      KconfigExpr e = not();
      while (pos < tokens.size() && tokens.get(pos).equals("&&")) {
        pos++;
        e = new And(e, not());
      }
      return e;
    }

    KconfigExpr not() {
      if (tokens.get(pos).equals("!")) {
        pos++;
        return new Not(not());
      }
      return compare();
    }

    KconfigExpr compare() {
      String t = tokens.get(pos++);
      if (t.equals("(")) {
        KconfigExpr e = or();
        if (!tokens.get(pos++).equals(")")) {
          throw new IllegalStateException("missing )");
        }
        return e;
      }
      if (t.startsWith("$(")) {
        return new Unknown(t);
      }
      Sym left = new Sym(t);
      if (pos < tokens.size() && List.of("=", "!=", "<", "<=", ">", ">=").contains(tokens.get(pos))) {
        String op = tokens.get(pos++);
        String r = tokens.get(pos++);
        return r.startsWith("$(") ? new Unknown(t + op + r) : new Compare(left, op, new Sym(r));
      }
      return left;
    }
  }
}
