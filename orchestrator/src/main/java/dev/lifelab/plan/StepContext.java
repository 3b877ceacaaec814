package dev.lifelab.plan;

import dev.lifelab.result.HangRecord;
import dev.lifelab.result.StepRecord;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.RemoteCommand;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a step can use while it runs: the shells, the resolved devices, the open holders, and
 * one way to run a command with a timeout that turns a blocked command into a recorded hang
 * (evidence collected at once, the command watched until it returns).
 */
public final class StepContext {
  private static final Pattern PID_LINE = Pattern.compile("\\Alifelab-pid:(\\d+)\\n");
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)\\.([a-z]+)\\}");

  private final Shell shell;
  private final ObserverShell observer;
  private final Map<String, ResolvedDevice> devices;
  private final InfrastructureGuard guard;
  private final Function<List<String>, String> guiltyFrame;
  private final Map<String, Holder> holders = new LinkedHashMap<>();
  private final List<PendingCommand> pending = new ArrayList<>();

  StepContext(Shell shell, ObserverShell observer, Map<String, ResolvedDevice> devices,
      InfrastructureGuard guard, Function<List<String>, String> guiltyFrame) {
    this.shell = shell;
    this.observer = observer;
    this.devices = devices;
    this.guard = guard;
    this.guiltyFrame = guiltyFrame;
  }

  public Shell shell() {
    return shell;
  }

  public Map<String, Holder> holders() {
    return holders;
  }

  public InfrastructureGuard guard() {
    return guard;
  }

  public ResolvedDevice device(String key) {
    ResolvedDevice d = devices.get(key);
    if (d == null) {
      throw new IllegalArgumentException("unknown device '" + key + "'");
    }
    return d;
  }

  /** Replaces {@code ${key.attr}}; with {@code quote}, each value becomes one shell word. */
  public String expand(String template, boolean quote) {
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = device(m.group(1)).attributes().get(m.group(2));
      if (value == null) {
        throw new IllegalArgumentException("device '" + m.group(1) + "' has no " + m.group(2)
            + " (it has " + device(m.group(1)).attributes().keySet() + ")");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(quote ? ShellQuote.quote(value) : value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The outcome of a command run with a timeout. */
  public record Outcome(CommandResult result, HangRecord hang, String error, boolean connectionLost) {
    boolean done() {
      return result != null;
    }
  }

  /**
   * Runs {@code command}; if it is still running after {@code timeout} it is a hang: evidence is
   * taken over the observer connection, the command is left running and watched.
   */
  public Outcome run(int step, String command, Duration timeout) {
    RemoteCommand c;
    try {
      c = shell.start("echo lifelab-pid:$$; " + command);
    } catch (ShellException e) {
      return new Outcome(null, null, e.getMessage(), e.connectionLost());
    }
    return await(step, command, c, timeout);
  }

  /** Waits for a started command as {@link #run} does. */
  public Outcome await(int step, String command, RemoteCommand c, Duration timeout) {
    try {
      Optional<CommandResult> r = c.waitFor(timeout);
      if (r.isPresent()) {
        c.close();
        return new Outcome(stripPid(r.get()), null, null, false);
      }
    } catch (ShellException e) {
      c.close();
      String why = e.connectionLost() ? "SSH connection lost while running '" + command + "'" : e.getMessage();
      return new Outcome(null, null, why, e.connectionLost());
    }
    Instant timedOutAt = Instant.now();
    Matcher m = PID_LINE.matcher(c.stdoutSoFar());
    int pid = m.find() ? Integer.parseInt(m.group(1)) : -1;
    HangRecord hang = HangEvidence.collect(observer.get(), step, command, pid, timeout, timedOutAt, guiltyFrame);
    pending.add(new PendingCommand(step, c, hang));
    return new Outcome(null, hang, null, false);
  }

  static CommandResult stripPid(CommandResult r) {
    Matcher m = PID_LINE.matcher(r.stdout());
    String out = m.find() ? r.stdout().substring(m.end()) : r.stdout();
    return new CommandResult(r.exitCode(), out, r.stderr(), r.took());
  }

  /** Hangs recorded so far, with their return times as far as known. */
  List<PendingCommand> pending() {
    return pending;
  }

  /** Builds the record of a step from an outcome. */
  public StepRecord record(int index, String type, String description, String command,
      Map<String, String> resolved, Instant start, Outcome o, boolean mustSucceed) {
    Instant end = Instant.now();
    long millis = Duration.between(start, end).toMillis();
    if (o.hang() != null) {
      return new StepRecord(index, type, description, command, resolved, start, end, millis, null,
          null, null, StepRecord.HANG, "did not return within " + o.hang().timeout().toMillis() + " ms", o.hang());
    }
    if (!o.done()) {
      return new StepRecord(index, type, description, command, resolved, start, end, millis, null,
          null, null, StepRecord.ERROR, o.error(), null);
    }
    CommandResult r = o.result();
    boolean failed = mustSucceed && r.exitCode() != 0;
    return new StepRecord(index, type, description, command, resolved, start, end, millis, r.exitCode(),
        r.stdout(), r.stderr(), failed ? StepRecord.FAILED : StepRecord.OK,
        failed ? firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr()) : null, null);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** A second SSH connection, opened once, for evidence while the first may be stuck. */
  public interface ObserverShell {
    Shell get();
  }
}
