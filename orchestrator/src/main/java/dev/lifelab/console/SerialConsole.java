package dev.lifelab.console;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A board's serial console (jSerialComm): every byte goes to the {@link ConsoleRecorder} as it
 * arrives. When the port disappears (a USB serial adapter re-enumerating, a board that powers its
 * own adapter, the pty of a QEMU that ended) the reader notes it in the log, keeps what was read
 * and reopens the same path as soon as it is back; {@link #lost()} says since when it is gone, so
 * that the boot can give up after its own grace period.
 */
public final class SerialConsole implements Console {
  private static final Duration REOPEN_INTERVAL = Duration.ofMillis(200);

  /** The port cannot be opened; {@link #getMessage()} says why in words for the lab. */
  public static final class OpenException extends Exception {
    OpenException(String message) {
      super(message);
    }
  }

  /** Since when the port is gone, and why. */
  public record Lost(Instant since, String why) {}

  private final String port;
  private final int baud;
  private final ConsoleRecorder recorder;
  private final Thread reader;
  private volatile SerialPort serial;
  private volatile Lost lost;
  private volatile boolean closed;

  private SerialConsole(String port, int baud, ConsoleRecorder recorder, SerialPort serial) {
    this.port = port;
    this.baud = baud;
    this.recorder = recorder;
    this.serial = serial;
    this.reader = new Thread(this::pump, "serial-" + Path.of(port).getFileName());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Opens {@code port} (a device or a link to one, e.g. {@code /dev/serial/by-id/...}), waiting
   * up to {@code appear} for it to exist.
   *
   * @throws OpenException the port does not exist, is busy or cannot be opened
   */
  public static SerialConsole open(String port, int baud, ConsoleRecorder recorder, Duration appear)
      throws OpenException {
    long deadline = System.nanoTime() + appear.toNanos();
    while (true) {
      try {
        return new SerialConsole(port, baud, recorder, openPort(port, baud));
      } catch (NoSuchFileException e) {
        if (System.nanoTime() > deadline) {
          throw new OpenException("serial port " + port + " does not exist" + danglingLink(port)
              + " (adapter unplugged, board off, or a wrong path?)");
        }
        sleep(REOPEN_INTERVAL);
      }
    }
  }

  private static SerialPort openPort(String port, int baud) throws NoSuchFileException, OpenException {
    Path real;
    try {
      // jSerialComm takes a link outside /dev for a name under /dev: give it the device itself.
      real = Path.of(port).toRealPath();
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new OpenException("serial port " + port + ": " + e.getMessage());
    }
    SerialPort p = SerialPort.getCommPort(real.toString());
    p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
    if (p.openPort()) {
      return p;
    }
    if (!Files.exists(real)) {
      throw new NoSuchFileException(port);
    }
    List<String> holders = holders(real);
    if (!holders.isEmpty()) {
      throw new OpenException("serial port " + port + " is busy: held by " + String.join(", ", holders)
          + " (a terminal program or another lifelab run?)");
    }
    if (!Files.isReadable(real) || !Files.isWritable(real)) {
      throw new OpenException("serial port " + port + ": permission denied (is the user in the group of "
          + real + ", usually dialout?)");
    }
    throw new OpenException("serial port " + port + " cannot be opened (error " + p.getLastErrorCode()
        + " at " + p.getLastErrorLocation() + "); is it in use?");
  }

  /** Processes that have the device open ("pid 1234 (picocom)"), from /proc. */
  static List<String> holders(Path device) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
          if (fds.anyMatch(fd -> isLinkTo(fd, device))) {
            found.add("pid " + proc.getFileName() + " (" + comm(proc) + ")");
          }
        } catch (IOException | RuntimeException e) {
          // The process ended or is not ours to look at.
        }
      }
    } catch (IOException e) {
      // No /proc: no names to give.
    }
    return found;
  }

  private static boolean isLinkTo(Path fd, Path device) {
    try {
      return Files.readSymbolicLink(fd).equals(device);
    } catch (IOException e) {
      return false;
    }
  }

  private static String comm(Path proc) {
    try {
      return Files.readString(proc.resolve("comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static String danglingLink(String port) {
    Path p = Path.of(port);
    try {
      return Files.isSymbolicLink(p) ? " (a link to " + Files.readSymbolicLink(p) + ", which is gone)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void pump() {
    byte[] buf = new byte[8192];
    while (!closed) {
      SerialPort p = serial;
      if (p == null) {
        reopen();
        continue;
      }
      int n = p.readBytes(buf, buf.length);
      if (n > 0) {
        recorder.append(buf, 0, n);
      } else if (n < 0 && !closed) {
        p.closePort();
        serial = null;
        lost = new Lost(Instant.now(), "the device went away, read error " + p.getLastErrorCode());
        recorder.note("serial port " + port + " lost: " + lost.why() + "; reopening it when it is back");
      }
    }
  }

  private void reopen() {
    sleep(REOPEN_INTERVAL);
    if (closed) {
      return;
    }
    try {
      SerialPort p = openPort(port, baud);
      synchronized (this) {
        if (closed) {
          p.closePort();
          return;
        }
        serial = p;
      }
      Lost was = lost;
      lost = null;
      recorder.note("serial port " + port + " back after "
          + Duration.between(was.since(), Instant.now()).toMillis() + " ms");
    } catch (NoSuchFileException | OpenException e) {
      // Still gone (or busy): try again shortly.
    }
  }

  /** Empty while the port is open; else since when it is gone. */
  public Optional<Lost> lost() {
    return Optional.ofNullable(lost);
  }

  public String port() {
    return port;
  }

  public int baud() {
    return baud;
  }

  @Override
  public ConsoleRecorder recorder() {
    return recorder;
  }

  /** Sends text; dropped while the port is gone. */
  @Override
  public void write(String text) {
    SerialPort p = serial;
    if (p != null) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      p.writeBytes(b, b.length);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    try {
      reader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    SerialPort p = serial;
    if (p != null) {
      p.closePort();
    }
    recorder.close();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
