package dev.lifelab.ssh;

import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first SSH connection of a JVM costs several hundred ms more than the next ones (class
 * loading and unoptimised key exchange, signature and cipher code). While a guest boots, one
 * connection to an SSH server inside this JVM, on loopback, pays that cost off the critical path,
 * so the connection to the guest is as quick as a later one.
 */
public final class SshWarmUp {
  private static final Logger log = LoggerFactory.getLogger(SshWarmUp.class);
  private static CompletableFuture<Void> ready;

  private SshWarmUp() {}

  /**
   * Starts the JVM's SSH client and loads the client key in the background, then warms the
   * connection code up, once per JVM (again only if setting up client or key failed). The future
   * completes once client and key are ready: a guest that is up before the warm-up connection is
   * over does not wait for it.
   */
  public static synchronized CompletableFuture<Void> start() {
    if (ready == null || ready.isCompletedExceptionally()) {
      ready = CompletableFuture.runAsync(() -> {
        SshShell.client();
        SshKeys.clientKey();
      });
      ready.thenRunAsync(() -> run(SshKeys.clientKey()));
    }
    return ready;
  }

  /** Connects once, with {@code identity}, to a throwaway server; failures are only logged. */
  private static void run(KeyPair identity) {
    long start = System.nanoTime();
    SshServer server = SshServer.setUpDefaultServer();
    try {
      server.setHost("127.0.0.1");
      server.setPort(0);
      server.setKeyPairProvider(KeyPairProvider.wrap(identity));
      server.setPublickeyAuthenticator((user, key, session) -> true);
      server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
        @Override
        public void run() {
          onExit(0);
        }
      });
      server.start();
      try (SshShell shell = SshShell.connect("127.0.0.1", server.getPort(), identity.getPublic(), identity,
          Duration.ofSeconds(20))) {
        shell.start("true").waitFor(Duration.ofSeconds(20));
      }
      log.debug("SSH warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (Exception e) {
      log.debug("SSH warm-up failed (the first connection will be slower): {}", e.toString());
    } finally {
      try {
        server.stop(true);
      } catch (java.io.IOException ignored) {
        // A server that never started has nothing to stop.
      }
    }
  }
}
