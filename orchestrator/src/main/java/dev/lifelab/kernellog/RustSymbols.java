package dev.lifelab.kernellog;

/**
 * Turns Rust v0 symbol names ({@code _RNvMs3_NtCs..._11rust_binder7processNtB5_7Process10update_ref})
 * into paths ({@code <rust_binder::process::Process>::update_ref}), without generic arguments,
 * so that Rust frames name reports the way C frames do. Returns the symbol unchanged when it is
 * not a v0 symbol this decoder understands.
 */
final class RustSymbols {
  private static final int MAX_DEPTH = 64;

  private final String s;
  private int pos;
  private int depth;

  private RustSymbols(String symbol) {
    this.s = symbol;
  }

  static String demangle(String symbol) {
    if (!symbol.startsWith("_R")) {
      return symbol;
    }
    RustSymbols d = new RustSymbols(symbol.substring(2));
    try {
      String path = d.path();
      return path.isEmpty() ? symbol : path;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return symbol;
    }
  }

  private char peek() {
    return s.charAt(pos);
  }

  private char next() {
    return s.charAt(pos++);
  }

  private String path() {
    if (++depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    try {
      char tag = next();
      switch (tag) {
        case 'C': // crate root
          return identifier();
        case 'N': { // nested path: namespace, parent, name
          char namespace = next();
          String parent = path();
          String name = identifier();
          if (Character.isUpperCase(namespace) && name.isEmpty()) {
            return parent + "::{" + (namespace == 'C' ? "closure" : "shim") + "}";
          }
          return name.isEmpty() ? parent : parent + "::" + name;
        }
        case 'M': { // inherent impl: <Type>
          disambiguator();
          path();
          return "<" + type() + ">";
        }
        case 'X': { // trait impl: <Type as Trait>
          disambiguator();
          path();
          String type = type();
          return "<" + type + " as " + path() + ">";
        }
        case 'Y': { // trait definition
          String type = type();
          return "<" + type + " as " + path() + ">";
        }
        case 'I': { // generic arguments, left out
          String p = path();
          while (peek() != 'E') {
            genericArg();
          }
          pos++;
          return p;
        }
        case 'B':
          return backref(this::path);
        default:
          throw new IllegalArgumentException("path tag " + tag);
      }
    } finally {
      depth--;
    }
  }

  private void genericArg() {
    char c = peek();
    if (c == 'L') { // lifetime
      pos++;
      base62();
    } else if (c == 'K') { // const
      pos++;
      constant();
    } else {
      type();
    }
  }

  private void constant() {
    char c = next();
    if (c == 'B') {
      backref(() -> {
        constant();
        return "";
      });
      return;
    }
    if (c == 'p') {
      return;
    }
    while (peek() != '_') {
      pos++;
    }
    pos++;
  }

  private String type() {
    if (++depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    try {
      char c = peek();
      String basic = basicType(c);
      if (basic != null) {
        pos++;
        return basic;
      }
      switch (c) {
        case 'A': pos++; { String t = type(); constant(); return "[" + t + "; _]"; }
        case 'S': pos++; return "[" + type() + "]";
        case 'T': {
          pos++;
          StringBuilder sb = new StringBuilder("(");
          while (peek() != 'E') {
            if (sb.length() > 1) {
              sb.append(", ");
            }
            sb.append(type());
          }
          pos++;
          return sb.append(')').toString();
        }
        case 'R': case 'Q': {
          pos++;
          if (peek() == 'L') {
            pos++;
            base62();
          }
          return (c == 'R' ? "&" : "&mut ") + type();
        }
        case 'P': pos++; return "*const " + type();
        case 'O': pos++; return "*mut " + type();
        case 'B': pos++; return backref(this::type);
        case 'F': case 'D':
          throw new IllegalArgumentException("function and trait-object types are not decoded");
        default:
          return path();
      }
    } finally {
      depth--;
    }
  }

  private static String basicType(char c) {
    return switch (c) {
      case 'a' -> "i8"; case 'b' -> "bool"; case 'c' -> "char"; case 'd' -> "f64";
      case 'e' -> "str"; case 'f' -> "f32"; case 'h' -> "u8"; case 'i' -> "isize";
      case 'j' -> "usize"; case 'l' -> "i32"; case 'm' -> "u32"; case 'n' -> "i128";
      case 'o' -> "u128"; case 's' -> "i16"; case 't' -> "u16"; case 'u' -> "()";
      case 'v' -> "..."; case 'x' -> "i64"; case 'y' -> "u64"; case 'z' -> "!";
      case 'p' -> "_";
      default -> null;
    };
  }

  private String backref(java.util.function.Supplier<String> decode) {
    long target = base62();
    if (target >= pos) {
      throw new IllegalArgumentException("forward backref");
    }
    int saved = pos;
    pos = (int) target;
    try {
      return decode.get();
    } finally {
      pos = saved;
    }
  }

  private void disambiguator() {
    if (peek() == 's') {
      pos++;
      base62();
    }
  }

  private String identifier() {
    disambiguator();
    boolean punycode = peek() == 'u';
    if (punycode) {
      pos++;
    }
    int start = pos;
    while (Character.isDigit(peek())) {
      pos++;
    }
    int length = Integer.parseInt(s.substring(start, pos));
    if (peek() == '_') {
      pos++;
    }
    String name = s.substring(pos, pos + length);
    pos += length;
    return punycode ? name + "(punycode)" : name;
  }

  /** "_" is 0, otherwise base-62 digits then "_" encode the value plus one. */
  private long base62() {
    if (peek() == '_') {
      pos++;
      return 0;
    }
    long value = 0;
    char c;
    while ((c = next()) != '_') {
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'z') {
        digit = 10 + c - 'a';
      } else if (c >= 'A' && c <= 'Z') {
        digit = 36 + c - 'A';
      } else {
        throw new IllegalArgumentException("base62 digit " + c);
      }
      value = value * 62 + digit;
    }
    return value + 1;
  }
}
