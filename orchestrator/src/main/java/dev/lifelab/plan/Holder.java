package dev.lifelab.plan;

import dev.lifelab.target.CommandResult;
import dev.lifelab.target.RemoteCommand;
import dev.lifelab.target.ShellException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process on the target that holds a device node open on file descriptor 3 until closed. It
 * reads one command per line from its standard input and runs it (so I/O goes through the held
 * file), printing a marker with the exit code after each.
 */
public final class Holder {
  static final String OPENED = "lifelab-opened";
  private static final Pattern DONE = Pattern.compile("lifelab-done:(\\d+)\\n");

  private final String name;
  private final String path;
  private final RemoteCommand process;
  private int consumed;

  Holder(String name, String path, RemoteCommand process) {
    this.name = name;
    this.path = path;
    this.process = process;
  }

  /** The command that opens {@code path} with the redirection for {@code mode} and waits. */
  static String command(String quotedPath, String redirection) {
    return "echo lifelab-pid:$$; exec 3" + redirection + quotedPath + " || exit 97; echo " + OPENED + "; "
        + "while IFS= read -r lifelab_cmd; do eval \"$lifelab_cmd\"; echo lifelab-done:$?; done";
  }

  public String name() {
    return name;
  }

  public String path() {
    return path;
  }

  public RemoteCommand process() {
    return process;
  }

  /** Whether the open succeeded: the marker appeared before the process ended. */
  boolean awaitOpened(Duration timeout) throws ShellException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process.stdoutSoFar().contains(OPENED + "\n")) {
        consumed = process.stdoutSoFar().indexOf(OPENED + "\n") + OPENED.length() + 1;
        return true;
      }
      if (process.waitFor(Duration.ofMillis(20)).isPresent()) {
        return process.stdoutSoFar().contains(OPENED + "\n");
      }
    }
    return false;
  }

  /**
   * Runs a command inside the holder (fd 3 is the held file) and returns its output and exit
   * code, or empty if it did not finish in time.
   */
  Optional<CommandResult> io(String command, Duration timeout) throws ShellException {
    long start = System.nanoTime();
    process.send(command.replace('\n', ' ') + "\n");
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = process.stdoutSoFar();
      Matcher m = DONE.matcher(out);
      if (m.find(consumed)) {
        String text = out.substring(consumed, m.start());
        consumed = m.end();
        return Optional.of(new CommandResult(Integer.parseInt(m.group(1)), text, "", Duration.ofNanos(System.nanoTime() - start)));
      }
      if (process.waitFor(Duration.ofMillis(10)).isPresent()) {
        throw new ShellException("holder '" + name + "' ended during '" + command + "'", false, null);
      }
    }
    return Optional.empty();
  }
}
