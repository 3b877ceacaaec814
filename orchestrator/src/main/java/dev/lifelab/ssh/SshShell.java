package dev.lifelab.ssh;

import dev.lifelab.target.CommandResult;
import dev.lifelab.target.RemoteCommand;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell over SSH (Apache SSHD client). The guest's host key is pinned: a server presenting
 * another key is refused. Commands run on channels of one connection, so several can run at
 * once (one holds a device open while another unbinds it).
 */
public final class SshShell implements Shell {
  private static final Logger log = LoggerFactory.getLogger(SshShell.class);
  private static final int OUTPUT_LIMIT = 4 << 20;
  private static final String STATUS_TAG = "lifelab-exit-status:";
  private static final Pattern STATUS_ON_STDERR = Pattern.compile("\u001e" + STATUS_TAG + "(\\d+)\u001e$");
  private static SshClient client;

  private final String host;
  private final int port;
  private final PublicKey hostKey;
  private final KeyPair identity;
  private final ClientSession session;

  private SshShell(String host, int port, PublicKey hostKey, KeyPair identity, ClientSession session) {
    this.host = host;
    this.port = port;
    this.hostKey = hostKey;
    this.identity = identity;
    this.session = session;
  }

  /** The JVM-wide client; starting it costs a few hundred ms, so do it early. */
  public static synchronized SshClient client() {
    if (client == null) {
      client = SshClient.setUpDefaultClient();
      // Without it, a small packet sent right behind another waits for that one's ACK (Nagle),
      // which the peer delays by up to 40 ms: the login stalled so after NEWKEYS.
      CoreModuleProperties.TCP_NODELAY.set(client, true);
      client.setServiceFactories(List.of(new KeyFirstUserAuth.Factory(), ClientConnectionServiceFactory.INSTANCE));
      // Keys are pinned per connection; see connect().
      client.setServerKeyVerifier((session, address, key) -> {
        PublicKey expected = session.getAttribute(PinnedKey.ATTRIBUTE);
        return expected != null && KeyUtils.compareKeys(expected, key);
      });
      client.start();
    }
    return client;
  }

  /**
   * Stops the JVM-wide client, if it was started. Its I/O threads wait in the kernel, and the JVM
   * gives such threads 300 ms to come back before it exits.
   */
  public static synchronized void stopClient() {
    if (client != null) {
      try {
        client.stop();
      } catch (RuntimeException e) {
        log.debug("stopping the SSH client: {}", e.toString());
      }
      client = null;
    }
  }

  /** Holds the expected host key of one session. */
  static final class PinnedKey {
    static final org.apache.sshd.common.AttributeRepository.AttributeKey<PublicKey> ATTRIBUTE =
        new org.apache.sshd.common.AttributeRepository.AttributeKey<>();

    private PinnedKey() {}
  }

  public static SshShell connect(String host, int port, PublicKey hostKey, KeyPair identity, Duration timeout)
      throws ShellException {
    ClientSession session = null;
    try {
      session = client().connect("root", host, port).verify(timeout).getSession();
      session.setAttribute(PinnedKey.ATTRIBUTE, hostKey);
      session.addPublicKeyIdentity(identity);
      session.auth().verify(timeout);
      return new SshShell(host, port, hostKey, identity, session);
    } catch (IOException | RuntimeException e) {
      if (session != null) {
        session.close(true);
      }
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (msg.contains("Server key did not validate")) {
        msg = "the SSH server's host key is not the one pinned for this guest";
      }
      throw new ShellException("SSH to " + host + ":" + port + ": " + msg, true, e);
    }
  }

  /** The connection, for tests that drive channels one message at a time. */
  ClientSession session() {
    return session;
  }

  @Override
  public Shell fresh() throws ShellException {
    return connect(host, port, hostKey, identity, Duration.ofSeconds(15));
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public RemoteCommand start(String command) throws ShellException {
    try {
      ChannelExec channel = session.createExecChannel(withStatusOnStderr(command));
      BoundedBuffer out = new BoundedBuffer();
      BoundedBuffer err = new BoundedBuffer();
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(Duration.ofSeconds(15));
      return new SshCommand(command, channel, out, err, System.nanoTime());
    } catch (IOException | RuntimeException e) {
      throw new ShellException("SSH: cannot start '" + command + "': " + e.getMessage(), !session.isOpen(), e);
    }
  }

  @Override
  public void close() {
    session.close(false);
  }

  /**
   * The command, followed by its exit status written to stderr between two record separators.
   * dropbear now and then closes the channel of a command that ended just as another one on the
   * same connection did without sending its exit status; the status is then read from there.
   */
  static String withStatusOnStderr(String command) {
    return "{ " + command + "\n}; lifelab_status=$?; printf '\\036" + STATUS_TAG
        + "%d\\036' \"$lifelab_status\" >&2; exit \"$lifelab_status\"";
  }

  /** stderr without the status the command's wrapper added, and that status (or null). */
  record Stderr(String text, Integer status) {
    static Stderr of(String raw) {
      Matcher m = STATUS_ON_STDERR.matcher(raw);
      return m.find() ? new Stderr(raw.substring(0, m.start()), Integer.valueOf(m.group(1))) : new Stderr(raw, null);
    }
  }

  private static final class SshCommand implements RemoteCommand {
    private final String command;
    private final ChannelExec channel;
    private final BoundedBuffer out;
    private final BoundedBuffer err;
    private final long startNanos;
    private CommandResult result;

    SshCommand(String command, ChannelExec channel, BoundedBuffer out, BoundedBuffer err, long startNanos) {
      this.command = command;
      this.channel = channel;
      this.out = out;
      this.err = err;
      this.startNanos = startNanos;
    }

    @Override
    public String command() {
      return command;
    }

    @Override
    public synchronized Optional<CommandResult> waitFor(Duration timeout) throws ShellException {
      if (result != null) {
        return Optional.of(result);
      }
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
          Math.max(1, timeout.toMillis()));
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        return Optional.empty();
      }
      Integer status = channel.getExitStatus();
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      Stderr stderr = Stderr.of(err.text());
      if (status == null) {
        String signal = channel.getExitSignal();
        if (signal != null) {
          result = new CommandResult(128 + signalNumber(signal), out.text(), stderr.text(), took);
          return Optional.of(result);
        }
        if (stderr.status() == null) {
          throw new ShellException("SSH connection lost while running '" + command + "'", true, null);
        }
        status = stderr.status();
        log.info(
            "the SSH server closed the channel of '{}' without its exit status; {} read from stderr", command, status);
      }
      result = new CommandResult(status, out.text(), stderr.text(), took);
      return Optional.of(result);
    }

    private static int signalNumber(String name) {
      return switch (name) {
        case "HUP" -> 1;
        case "INT" -> 2;
        case "KILL" -> 9;
        case "SEGV" -> 11;
        case "PIPE" -> 13;
        case "TERM" -> 15;
        default -> 0;
      };
    }

    @Override
    public String stdoutSoFar() {
      return out.text();
    }

    @Override
    public void send(String text) throws ShellException {
      try {
        OutputStream in = channel.getInvertedIn();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
      } catch (IOException e) {
        throw new ShellException("cannot write to '" + command + "': " + e.getMessage(), false, e);
      }
    }

    @Override
    public void closeInput() {
      try {
        channel.getInvertedIn().close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }

    @Override
    public boolean isDone() {
      return result != null || channel.isClosed();
    }

    @Override
    public void close() {
      channel.close(true);
    }
  }

  /** Collects output up to a limit so a chatty command cannot exhaust memory. */
  private static final class BoundedBuffer extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private boolean truncated;

    @Override
    public synchronized void write(int b) {
      if (buf.size() < OUTPUT_LIMIT) {
        buf.write(b);
      } else {
        truncated = true;
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = Math.max(0, OUTPUT_LIMIT - buf.size());
      buf.write(b, off, Math.min(room, len));
      truncated |= len > room;
    }

    synchronized String text() {
      return buf.toString(StandardCharsets.UTF_8) + (truncated ? "\n[output truncated]\n" : "");
    }
  }
}
