package dev.lifelab.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as stored: UTC text of fixed width with nanoseconds, so that string order is time order
 * in both databases and an Instant reads back exactly as it was written.
 */
final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  static String format(Instant t) {
    return t == null ? null : FORMAT.format(t);
  }

  static Instant parse(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static String format(Duration d) {
    return d == null ? null : d.toString();
  }

  static Duration parseDuration(String s) {
    return s == null ? null : Duration.parse(s);
  }
}
