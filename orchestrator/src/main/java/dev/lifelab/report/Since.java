package dev.lifelab.report;

import dev.lifelab.common.UserError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code --since}: a duration back from now ({@code 36h}, {@code 7d}, {@code 2w}, {@code
 * 90m}, ISO {@code P7D}/{@code PT12H}) or a point in time ({@code 2026-03-01}, {@code
 * 2026-03-01T02:00} in the local zone, {@code 2026-03-01T02:00:00Z}).
 */
public final class Since {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

  private Since() {}

  public static Instant parse(String text, Instant now, ZoneId zone) {
    String s = text.trim();
    Matcher m = SHORT.matcher(s.toLowerCase());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      return now.minus(d);
    }
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        return now.minus(Duration.parse(s));
      }
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant();
      }
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(s).toInstant();
      }
      return LocalDateTime.parse(s).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new UserError("--since '" + text + "': expected a duration (36h, 7d, 2w, P7D) or a"
          + " date/time (2026-03-01, 2026-03-01T02:00, 2026-03-01T02:00:00Z)");
    }
  }
}
