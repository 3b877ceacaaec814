package dev.lifelab.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs host commands (apt-get, dpkg-deb, modprobe, dropbearkey) and reports failures readably. */
public final class Commands {
  private Commands() {}

  /** What a finished host command printed. */
  public record Output(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public static Output run(List<String> command, Path workDir, Duration timeout) {
    return run(command, workDir, timeout, Map.of());
  }

  public static Output run(List<String> command, Path workDir, Duration timeout, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage()
          + " (is it installed? see README, set-up)", e);
    }
    ChildProcesses.register(p);
    try {
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread tOut = drain(p.getInputStream(), out);
      Thread tErr = drain(p.getErrorStream(), err);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new UserError(String.join(" ", command) + ": no result after " + Durations.format(timeout));
      }
      tOut.join();
      tErr.join();
      return new Output(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while running " + command.get(0), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ChildProcesses.unregister(p);
    }
  }

  /** Runs and insists on exit code 0; the error names the command and its last output lines. */
  public static String check(List<String> command, Path workDir, Duration timeout) {
    Output o = run(command, workDir, timeout);
    if (!o.ok()) {
      throw new UserError(String.join(" ", command) + " failed (exit " + o.exitCode() + "): "
          + tail(o.stderr().isBlank() ? o.stdout() : o.stderr(), 5));
    }
    return o.stdout();
  }

  public static String tail(String text, int lines) {
    String[] all = text.strip().split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.asList(all).subList(from, all.length));
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(sink);
      } catch (IOException ignored) {
        // The process died; what was read is kept.
      }
    }, "drain");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
