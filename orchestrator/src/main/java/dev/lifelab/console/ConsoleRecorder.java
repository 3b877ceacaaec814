package dev.lifelab.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps every byte a console sends: appended to {@code console.log} and flushed as it arrives
 * (nothing is lost when the target or lifelab dies), with arrival times in
 * {@code console.timestamps} ("byte offset, epoch millis" per chunk), and a window of recent
 * output in memory that callers wait on for prompts and markers.
 */
public final class ConsoleRecorder implements AutoCloseable {
  private static final int WINDOW = 4 << 20;
  /** A pattern may straddle two chunks; re-scan this much of what was already searched. */
  private static final int OVERLAP = 4096;

  private final Path log;
  private final OutputStream logOut;
  private final BufferedWriter times;
  private final StringBuilder window = new StringBuilder();
  private long windowStart;
  private long total;
  private Instant firstArrival;
  private Instant lastArrival;
  /** Arrival time of each chunk still in the window, by its first byte's offset. */
  private final java.util.TreeMap<Long, Instant> arrivals = new java.util.TreeMap<>();
  private boolean closed;
  private String closeReason;

  public ConsoleRecorder(Path log) {
    this.log = log;
    try {
      this.logOut = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      this.times = Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".timestamps"),
          StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      this.total = Files.size(log);
      this.windowStart = total;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write console log " + log, e);
    }
  }

  public Path log() {
    return log;
  }

  /** Called by the thread that reads the console. */
  public void append(byte[] buf, int off, int len) {
    append(buf, off, len, true);
  }

  private void append(byte[] buf, int off, int len, boolean fromTarget) {
    Instant now = Instant.now();
    synchronized (this) {
      try {
        logOut.write(buf, off, len);
        logOut.flush();
        times.write(total + " " + now.toEpochMilli() + "\n");
        times.flush();
      } catch (IOException e) {
        // The disk is full or gone; the in-memory window still serves the waits.
      }
      // ISO-8859-1 maps bytes 1:1 so offsets match the file; patterns are ASCII anyway.
      window.append(new String(buf, off, len, StandardCharsets.ISO_8859_1));
      arrivals.put(total, now);
      total += len;
      // A note is not the target talking: "nothing on the console yet" stays true after one.
      if (fromTarget) {
        lastArrival = now;
        if (firstArrival == null) {
          firstArrival = now;
        }
      }
      if (window.length() > WINDOW) {
        int drop = window.length() - WINDOW / 2;
        window.delete(0, drop);
        windowStart += drop;
        arrivals.headMap(arrivals.floorKey(windowStart)).clear();
      }
      notifyAll();
    }
  }

  /** Writes a note of lifelab's own into the log, marked so it is not mistaken for target output. */
  public void note(String text) {
    byte[] b = ("\n[lifelab " + Instant.now() + "] " + text + "\n").getBytes(StandardCharsets.UTF_8);
    append(b, 0, b.length, false);
  }

  /** Marks the end of the stream: waits return at once from now on. */
  public synchronized void markClosed(String reason) {
    closed = true;
    closeReason = reason;
    notifyAll();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  public synchronized String closeReason() {
    return closeReason;
  }

  /** Bytes received so far; a position to wait from. */
  public synchronized long position() {
    return total;
  }

  public synchronized Optional<Instant> firstArrival() {
    return Optional.ofNullable(firstArrival);
  }

  public synchronized Optional<Instant> lastArrival() {
    return Optional.ofNullable(lastArrival);
  }

  /** A match of a pattern in the console stream; {@code seenAt} is when its last byte arrived. */
  public record Match(long start, long end, String text, Instant seenAt) {
    public String group(Pattern p, int group) {
      Matcher m = p.matcher(text);
      return m.find() ? m.group(group) : null;
    }
  }

  /**
   * Waits until one of the patterns appears after byte {@code from}.
   *
   * @return the first match (earliest in the stream), or empty on timeout or when the console
   *     closed without it
   */
  public Optional<Match> await(long from, Duration timeout, Pattern... patterns) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long searchedTo = from;
    synchronized (this) {
      while (true) {
        long start = Math.max(Math.max(from, windowStart), searchedTo - OVERLAP);
        Match best = null;
        for (Pattern p : patterns) {
          Matcher m = p.matcher(window);
          m.region((int) (start - windowStart), window.length());
          if (m.find() && (best == null || windowStart + m.start() < best.start())) {
            long end = windowStart + m.end();
            best = new Match(windowStart + m.start(), end, m.group(), arrivals.floorEntry(end - 1).getValue());
          }
        }
        if (best != null) {
          return Optional.of(best);
        }
        searchedTo = total;
        long left = deadline - System.nanoTime();
        if (closed || left <= 0) {
          return Optional.empty();
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /** The text received after {@code from} that is still in memory. */
  public synchronized String textSince(long from) {
    int s = (int) Math.max(0, from - windowStart);
    return s >= window.length() ? "" : window.substring(s);
  }

  /** The last lines received, for error messages. */
  public synchronized String tail(int lines) {
    int i = window.length();
    for (int n = 0; n <= lines && i > 0; ) {
      i = window.lastIndexOf("\n", i - 1);
      if (i < 0) {
        i = 0;
        break;
      }
      n++;
    }
    return window.substring(i).strip();
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
    try {
      logOut.close();
      times.close();
    } catch (IOException ignored) {
      // Everything was flushed on arrival.
    }
  }
}
