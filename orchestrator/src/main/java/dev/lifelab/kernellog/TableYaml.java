package dev.lifelab.kernellog;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML that {@code kernel-messages.yaml} is written in (block and flow maps and lists,
 * single-quoted and plain scalars, comments) straight into {@link TableSpec}. Starting the general
 * YAML binder costs more than the whole rest of a short analysis; this reader does not, and gives
 * up ({@link Unsupported}) on anything else so that the caller can use the general one.
 */
final class TableYaml {
  /** The text uses YAML this reader does not handle, or does not fit the record. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private record Line(int indent, String content) {}

  /**
   * A record's component names and types and its constructor, looked up once per record type:
   * the reflection behind them is slow the first times it runs, and the table has a few hundred
   * records of a dozen types.
   */
  private record RecordType(String[] names, Type[] types, Constructor<?> constructor) {
    private static final Map<Class<?>, RecordType> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    static RecordType of(Class<?> type) {
      return KNOWN.computeIfAbsent(type, t -> {
        RecordComponent[] components = t.getRecordComponents();
        String[] names = new String[components.length];
        Type[] types = new Type[components.length];
        Class<?>[] raw = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          names[i] = components[i].getName();
          types[i] = components[i].getGenericType();
          raw[i] = components[i].getType();
        }
        try {
          Constructor<?> c = t.getDeclaredConstructor(raw);
          c.setAccessible(true);
          return new RecordType(names, types, c);
        } catch (NoSuchMethodException e) {
          throw new Unsupported("cannot make " + t.getSimpleName() + ": " + e);
        }
      });
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private int at;

  private TableYaml(String text) {
    String[] physical = text.split("\n", -1);
    for (int i = 0; i < physical.length; i++) {
      String content = withoutComment(physical[i]);
      // a flow collection may go on over the following lines
      while (unclosed(content) && i + 1 < physical.length) {
        content = content + " " + withoutComment(physical[++i]).strip();
      }
      String stripped = content.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      if (content.indexOf('\t') >= 0 && content.indexOf('\t') < content.length() - stripped.length()) {
        throw new Unsupported("tab indentation");
      }
      lines.add(new Line(content.length() - content.stripLeading().length(), stripped));
    }
  }

  /** Reads a whole document into a record type. */
  static <T> T read(String text, Class<T> type) {
    TableYaml y = new TableYaml(text);
    Object tree = y.lines.isEmpty() ? null : y.node(y.lines.get(0).indent());
    if (y.at != y.lines.size()) {
      throw new Unsupported("unexpected indentation at: " + y.lines.get(y.at).content());
    }
    return type.cast(bind(tree, type));
  }

  private Object node(int indent) {
    Line l = lines.get(at);
    if (l.indent() != indent) {
      throw new Unsupported("unexpected indentation at: " + l.content());
    }
    return isItem(l.content()) ? sequence(indent) : mapping(indent);
  }

  private static boolean isItem(String content) {
    return content.equals("-") || content.startsWith("- ");
  }

  private List<Object> sequence(int indent) {
    List<Object> items = new ArrayList<>();
    while (at < lines.size() && lines.get(at).indent() == indent && isItem(lines.get(at).content())) {
      String rest = lines.get(at).content().substring(1).strip();
      if (rest.isEmpty()) {
        at++;
        items.add(at < lines.size() && lines.get(at).indent() > indent ? node(lines.get(at).indent()) : null);
      } else if (startsMapEntry(rest)) {
        // "- key: value" opens a map whose other keys line up with "key"
        int column = indent + lines.get(at).content().indexOf(rest);
        lines.set(at, new Line(column, rest));
        items.add(mapping(column));
      } else {
        items.add(scalarOrFlow(rest));
        at++;
      }
    }
    return items;
  }

  private Map<String, Object> mapping(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (at < lines.size() && lines.get(at).indent() == indent && !isItem(lines.get(at).content())) {
      String content = lines.get(at).content();
      int[] end = new int[1];
      String key = key(content, end);
      String rest = content.substring(end[0]).strip();
      at++;
      Object value;
      if (!rest.isEmpty()) {
        value = scalarOrFlow(rest);
      } else if (at < lines.size() && lines.get(at).indent() > indent) {
        value = node(lines.get(at).indent());
      } else if (at < lines.size() && lines.get(at).indent() == indent && isItem(lines.get(at).content())) {
        value = sequence(indent);
      } else {
        value = null;
      }
      if (map.put(key, value) != null) {
        throw new Unsupported("duplicate key " + key);
      }
    }
    return map;
  }

  /** The key of a "key: value" line; {@code end[0]} is set past its colon. */
  private static String key(String content, int[] end) {
    if (content.startsWith("'")) {
      int[] close = new int[1];
      String key = quoted(content, 0, close);
      if (close[0] < content.length() && content.charAt(close[0]) == ':'
          && (close[0] + 1 == content.length() || content.charAt(close[0] + 1) == ' ')) {
        end[0] = close[0] + 1;
        return key;
      }
      throw new Unsupported("not a key: " + content);
    }
    int colon = content.indexOf(": ");
    if (colon < 0 && content.endsWith(":")) {
      colon = content.length() - 1;
    }
    if (colon <= 0 || "[{\"&*!|>%@`".indexOf(content.charAt(0)) >= 0) {
      throw new Unsupported("not a key: " + content);
    }
    end[0] = colon + 1;
    return content.substring(0, colon).strip();
  }

  private static boolean startsMapEntry(String s) {
    if (s.startsWith("'")) {
      int[] close = new int[1];
      quoted(s, 0, close);
      return close[0] < s.length() && s.charAt(close[0]) == ':';
    }
    return !s.startsWith("[") && !s.startsWith("{") && (s.contains(": ") || s.endsWith(":"));
  }

  private static Object scalarOrFlow(String s) {
    char c = s.charAt(0);
    if (c == '[' || c == '{') {
      int[] pos = {0};
      Object value = flow(s, pos);
      if (pos[0] != s.length()) {
        throw new Unsupported("text after a flow collection: " + s);
      }
      return value;
    }
    if (c == '\'') {
      int[] close = new int[1];
      String value = quoted(s, 0, close);
      if (close[0] != s.length()) {
        throw new Unsupported("text after a quoted scalar: " + s);
      }
      return value;
    }
    return plain(s);
  }

  private static Object plain(String s) {
    if ("\"&*!|>%@`?".indexOf(s.charAt(0)) >= 0 || s.equals("~") || s.equals("null")
        || s.contains(": ") || s.contains(" #")) {
      throw new Unsupported("plain scalar not handled: " + s);
    }
    return s;
  }

  /** A flow list or map starting at {@code pos[0]}; leaves {@code pos[0]} after its end. */
  private static Object flow(String s, int[] pos) {
    char open = s.charAt(pos[0]++);
    char close = open == '[' ? ']' : '}';
    List<Object> list = new ArrayList<>();
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpaces(s, pos);
    if (pos[0] < s.length() && s.charAt(pos[0]) == close) {
      pos[0]++;
      return open == '[' ? list : map;
    }
    while (true) {
      skipSpaces(s, pos);
      if (open == '{') {
        Object key = flowValue(s, pos, true);
        skipSpaces(s, pos);
        if (pos[0] >= s.length() || s.charAt(pos[0]) != ':') {
          throw new Unsupported("flow map without colon: " + s);
        }
        pos[0]++;
        skipSpaces(s, pos);
        if (map.put((String) key, flowValue(s, pos, false)) != null) {
          throw new Unsupported("duplicate key " + key);
        }
      } else {
        list.add(flowValue(s, pos, false));
      }
      skipSpaces(s, pos);
      if (pos[0] >= s.length()) {
        throw new Unsupported("unclosed flow collection: " + s);
      }
      char c = s.charAt(pos[0]++);
      if (c == close) {
        return open == '[' ? list : map;
      }
      if (c != ',') {
        throw new Unsupported("unexpected '" + c + "' in: " + s);
      }
    }
  }

  private static Object flowValue(String s, int[] pos, boolean key) {
    char c = s.charAt(pos[0]);
    if (c == '[' || c == '{') {
      if (key) {
        throw new Unsupported("collection as key: " + s);
      }
      return flow(s, pos);
    }
    if (c == '\'') {
      return quoted(s, pos[0], pos);
    }
    int start = pos[0];
    while (pos[0] < s.length() && ",]}".indexOf(s.charAt(pos[0])) < 0
        && !(key && s.charAt(pos[0]) == ':')) {
      if (s.charAt(pos[0]) == ':' && pos[0] + 1 < s.length() && s.charAt(pos[0] + 1) == ' ') {
        throw new Unsupported("colon in a flow scalar: " + s);
      }
      pos[0]++;
    }
    String value = s.substring(start, pos[0]).strip();
    if (value.isEmpty()) {
      throw new Unsupported("empty flow entry: " + s);
    }
    return plain(value);
  }

  /** The single-quoted scalar opening at {@code from}; {@code end[0]} is set past its quote. */
  private static String quoted(String s, int from, int[] end) {
    StringBuilder out = new StringBuilder();
    for (int i = from + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          out.append('\'');
          i++;
          continue;
        }
        end[0] = i + 1;
        return out.toString();
      }
      out.append(c);
    }
    throw new Unsupported("unclosed quote: " + s);
  }

  private static void skipSpaces(String s, int[] pos) {
    while (pos[0] < s.length() && s.charAt(pos[0]) == ' ') {
      pos[0]++;
    }
  }

  /** The line up to a comment: a '#' at its start or after a blank, outside quotes. */
  private static String withoutComment(String line) {
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '"' && !quoted) {
        throw new Unsupported("double quotes");
      } else if (c == '#' && !quoted && (i == 0 || line.charAt(i - 1) == ' ')) {
        return line.substring(0, i);
      }
    }
    if (quoted) {
      throw new Unsupported("quote runs over the line end: " + line);
    }
    return line;
  }

  /** Whether a line opens more flow brackets than it closes (outside quotes). */
  private static boolean unclosed(String content) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && (c == '[' || c == '{') && flowStart(content, i)) {
        depth++;
      } else if (!quoted && depth > 0 && (c == ']' || c == '}')) {
        depth--;
      }
    }
    return depth > 0;
  }

  /** A bracket opens a flow collection only where a value starts (not inside plain text). */
  private static boolean flowStart(String content, int i) {
    String before = content.substring(0, i).stripTrailing();
    return before.isEmpty() || before.endsWith(":") || before.endsWith("-") || before.endsWith(",")
        || before.endsWith("[") || before.endsWith("{");
  }

  private static Object bind(Object value, Type type) {
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (value == null) {
      if (raw == int.class) {
        return 0;
      }
      return raw == boolean.class ? Boolean.FALSE : null;
    }
    if (raw == String.class) {
      return scalar(value);
    }
    if (raw == int.class || raw == Integer.class) {
      try {
        return Integer.parseInt(scalar(value));
      } catch (NumberFormatException e) {
        throw new Unsupported("not a number: " + value);
      }
    }
    if (raw == boolean.class || raw == Boolean.class) {
      String s = scalar(value);
      if (!s.equals("true") && !s.equals("false")) {
        throw new Unsupported("not a boolean: " + s);
      }
      return Boolean.valueOf(s);
    }
    if (raw == List.class) {
      if (!(value instanceof List<?> list)) {
        throw new Unsupported("not a list: " + value);
      }
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(bind(item, element));
      }
      return out;
    }
    if (raw == Map.class || raw == LinkedHashMap.class) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new Unsupported("not a map: " + value);
      }
      Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, bind(v, element)));
      return out;
    }
    if (raw.isRecord()) {
      return record(value, raw);
    }
    throw new Unsupported("type not handled: " + type);
  }

  private static String scalar(Object value) {
    if (!(value instanceof String s)) {
      throw new Unsupported("not a scalar: " + value);
    }
    return s;
  }

  private static Object record(Object value, Class<?> type) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new Unsupported("not a map: " + value);
    }
    RecordType r = RecordType.of(type);
    Object[] args = new Object[r.names().length];
    int known = 0;
    for (int i = 0; i < args.length; i++) {
      if (map.containsKey(r.names()[i])) {
        known++;
      }
      args[i] = bind(map.get(r.names()[i]), r.types()[i]);
    }
    if (known != map.size()) {
      throw new Unsupported("unknown field in " + type.getSimpleName());
    }
    try {
      return r.constructor().newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new Unsupported("cannot make " + type.getSimpleName() + ": " + e);
    }
  }
}
