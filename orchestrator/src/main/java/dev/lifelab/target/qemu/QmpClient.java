package dev.lifelab.target.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifelab.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** QEMU Machine Protocol over a unix socket: power (reset, quit) and status of the machine. */
public final class QmpClient implements AutoCloseable {
  private final SocketChannel channel;
  private final BufferedReader in;
  private final OutputStream out;

  private QmpClient(SocketChannel channel) throws IOException {
    this.channel = channel;
    this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    this.out = Channels.newOutputStream(channel);
    JsonNode greeting = Json.mapper().readTree(in.readLine());
    if (greeting == null || !greeting.has("QMP")) {
      throw new IOException("not a QMP greeting: " + greeting);
    }
    execute("qmp_capabilities");
  }

  /** Connects, waiting for QEMU to create the socket. */
  public static QmpClient connect(Path socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (Files.exists(socket)) {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          ch.connect(UnixDomainSocketAddress.of(socket));
          return new QmpClient(ch);
        } catch (IOException e) {
          ch.close();
          last = e;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("no QMP socket at " + socket, last);
  }

  /** Runs a command and returns its "return" value; events arriving meanwhile are skipped. */
  public synchronized JsonNode execute(String command) throws IOException {
    ObjectNode req = Json.mapper().createObjectNode().put("execute", command);
    out.write((req + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      JsonNode reply = Json.mapper().readTree(line);
      if (reply.has("return")) {
        return reply.get("return");
      }
      if (reply.has("error")) {
        throw new IOException("QMP " + command + ": " + reply.get("error").path("desc").asText());
      }
    }
    throw new IOException("QMP connection closed during " + command);
  }

  /** {@code running}, {@code paused}, {@code shutdown}, {@code guest-panicked} ... */
  public String status() throws IOException {
    return execute("query-status").path("status").asText();
  }

  public void reset() throws IOException {
    execute("system_reset");
  }

  /** Ends QEMU at once (power cord pulled); the reply may not arrive. */
  public void quit() {
    try {
      execute("quit");
    } catch (IOException ignored) {
      // QEMU closes the socket as it exits.
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing to release.
    }
  }
}
