package dev.lifelab.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in YAML and on the command line: 500ms, 30s, 2m, 1h, 1m30s. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim().toLowerCase();
    if (s.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }
    Matcher m = PART.matcher(s);
    long millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      millis += Math.round(v * switch (m.group(2)) {
        case "ms" -> 1;
        case "s" -> 1000;
        case "m" -> 60_000;
        default -> 3_600_000;
      });
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (examples: 500ms, 30s, 2m, 1m30s)");
    }
    return Duration.ofMillis(millis);
  }

  /** Short human form: 850 ms, 12.3 s, 4 min 05 s. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format("%.1f s", ms / 1000.0);
    }
    return String.format("%d min %02d s", ms / 60_000, (ms / 1000) % 60);
  }
}
