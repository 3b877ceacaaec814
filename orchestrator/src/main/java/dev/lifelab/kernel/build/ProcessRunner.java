package dev.lifelab.kernel.build;

import dev.lifelab.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one build command with its output appended to a log file. Output is drained on its own
 * thread (a full pipe would stall make), and the caller is told periodically how far it got.
 */
final class ProcessRunner {
  /** How often a long-running command reports progress. */
  static final Duration TICK = Duration.ofSeconds(20);

  private final Path logFile;
  private final BuildListener listener;

  ProcessRunner(Path logFile, BuildListener listener) {
    this.logFile = logFile;
    this.listener = listener;
  }

  BuildListener listener() {
    return listener;
  }

  /** Result of a finished command; {@code tail} holds its last output lines for error messages. */
  record Result(int exitCode, List<String> tail, long lines) {}

  /** Runs the command, failing with a {@link UserError} that quotes its output if it fails. */
  Result runChecked(String stage, Path dir, Map<String, String> env, Duration timeout,
      List<String> command) {
    Result r = run(stage, dir, env, timeout, command);
    if (r.exitCode() != 0) {
      throw new UserError(stage + " failed (exit " + r.exitCode() + "): " + String.join(" ", command)
          + "\n  " + String.join("\n  ", r.tail()) + "\nfull log: " + logFile);
    }
    return r;
  }

  Result run(String stage, Path dir, Map<String, String> env, Duration timeout,
      List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    // Messages from make and gcc must not depend on the user's locale (we read them).
    pb.environment().put("LC_ALL", "C");
    long start = System.nanoTime();
    AtomicLong lines = new AtomicLong();
    AtomicReference<String> last = new AtomicReference<>("");
    List<String> tail = new ArrayList<>();
    Process p;
    try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      log.write("\n### " + stage + ": " + String.join(" ", command) + "\n");
      log.flush();
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
      }
      Thread hook = new Thread(() -> killTree(p));
      Runtime.getRuntime().addShutdownHook(hook);
      Thread drain = new Thread(() -> drain(p, log, lines, last, tail), "drain-" + stage);
      drain.setDaemon(true);
      drain.start();
      try {
        long deadline = start + timeout.toNanos();
        while (!p.waitFor(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
          if (System.nanoTime() > deadline) {
            killTree(p);
            throw new UserError(stage + " timed out after " + timeout.toMinutes()
                + " min; log: " + logFile);
          }
          listener.progress(stage, Duration.ofNanos(System.nanoTime() - start), lines.get(),
              last.get());
        }
        drain.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        killTree(p);
        Thread.currentThread().interrupt();
        throw new UserError(stage + " interrupted", e);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
          // the hook runs anyway
        }
      }
      synchronized (tail) {
        return new Result(p.exitValue(), List.copyOf(tail), lines.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + logFile, e);
    }
  }

  private static void drain(Process p, Writer log, AtomicLong lines, AtomicReference<String> last,
      List<String> tail) {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.write(line);
        log.write('\n');
        // keep the log current for anyone tailing it; a build prints a few thousand lines
        log.flush();
        lines.incrementAndGet();
        last.set(line.strip());
        synchronized (tail) {
          tail.add(line);
          if (tail.size() > 25) {
            tail.remove(0);
          }
        }
      }
      log.flush();
    } catch (IOException e) {
      // The process went away or the log became unwritable; the exit code tells the rest.
    }
  }

  /** make starts many compilers: end them all, children first, so none keeps writing. */
  static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a short command and returns its trimmed output, or null if it fails. */
  static String capture(Path dir, Duration timeout, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile())
          .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      // Outputs here are small (a version, a describe line); reading before waiting is enough.
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
