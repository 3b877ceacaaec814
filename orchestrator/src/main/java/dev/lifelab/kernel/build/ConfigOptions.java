package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options of a kernel .config or config fragment: symbol (without {@code CONFIG_}) to value,
 * where {@code "# CONFIG_X is not set"} is stored as {@code n}. Later files override earlier ones,
 * as merge_config.sh does.
 */
public final class ConfigOptions {
  private static final Pattern SET = Pattern.compile("^CONFIG_([A-Za-z0-9_]+)=(.*)$");
  private static final Pattern UNSET = Pattern.compile("^# CONFIG_([A-Za-z0-9_]+) is not set\\s*$");

  private final Map<String, String> values;

  private ConfigOptions(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static ConfigOptions parse(List<String> lines) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : lines) {
      String l = line.strip();
      Matcher m = SET.matcher(l);
      if (m.matches()) {
        map.remove(m.group(1)); // keep the order of the last assignment
        map.put(m.group(1), normalize(m.group(2)));
        continue;
      }
      m = UNSET.matcher(l);
      if (m.matches()) {
        map.remove(m.group(1));
        map.put(m.group(1), "n");
      }
    }
    return new ConfigOptions(map);
  }

  public static ConfigOptions read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UserError("cannot read config " + file + ": " + e.getMessage(), e);
    }
  }

  /** The options of several fragments merged in order. */
  public static ConfigOptions merge(List<Path> files) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Path f : files) {
      for (Map.Entry<String, String> e : read(f).values.entrySet()) {
        map.remove(e.getKey());
        map.put(e.getKey(), e.getValue());
      }
    }
    return new ConfigOptions(map);
  }

  /** The value, {@code n} for "is not set", or null when the file does not mention it. */
  public String get(String symbol) {
    return values.get(symbol);
  }

  /** Value as Kconfig sees it: options absent from a .config are off. */
  public String effective(String symbol) {
    String v = values.get(symbol);
    return v == null ? "n" : v;
  }

  public Map<String, String> asMap() {
    return values;
  }

  /** Strings lose their quotes so that {@code "x"} and {@code x} compare equal. */
  private static String normalize(String v) {
    String s = v.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
