package dev.lifelab.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A console over a pair of streams, e.g. a child process's stdout and stdin. */
public final class StreamConsole implements Console {
  private final ConsoleRecorder recorder;
  private final OutputStream toTarget;
  private final Thread reader;

  public StreamConsole(String name, InputStream fromTarget, OutputStream toTarget, ConsoleRecorder recorder) {
    this.recorder = recorder;
    this.toTarget = toTarget;
    this.reader = new Thread(() -> pump(fromTarget), "console-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void pump(InputStream in) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (n > 0) {
          recorder.append(buf, 0, n);
        }
      }
      recorder.markClosed("end of console stream");
    } catch (IOException e) {
      recorder.markClosed("console read failed: " + e.getMessage());
    }
  }

  @Override
  public ConsoleRecorder recorder() {
    return recorder;
  }

  @Override
  public void write(String text) {
    try {
      toTarget.write(text.getBytes(StandardCharsets.UTF_8));
      toTarget.flush();
    } catch (IOException e) {
      // The target is gone; the recorder says so to whoever waits.
    }
  }

  /** Waits for the reader to take the last bytes after the stream ended. */
  public void drain(long millis) {
    try {
      reader.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      toTarget.close();
    } catch (IOException ignored) {
      // Already closed by the process's end.
    }
    drain(2000);
    recorder.close();
  }
}
