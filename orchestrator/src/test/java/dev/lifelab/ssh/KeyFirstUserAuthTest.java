package dev.lifelab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.target.CommandResult;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opening of the login, against Apache SSHD's server on loopback. */
class KeyFirstUserAuthTest {
  private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private final KeyPair hostKey = ed25519();
  /** Keys the server's public-key check was asked about, in order. */
  private final List<PublicKey> keyChecks = new CopyOnWriteArrayList<>();
  private final AtomicInteger passwordChecks = new AtomicInteger();
  private SshServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop(true);
    }
  }

  @Test
  void anEd25519KeyLogsInWithOneSignedRequest() throws Exception {
    KeyPair client = ed25519();
    start(acceptingOnly(client), null);

    try (SshShell shell = SshShell.connect("127.0.0.1", server.getPort(), hostKey.getPublic(), client,
        Duration.ofSeconds(20))) {
      Optional<CommandResult> result = shell.start("true").waitFor(Duration.ofSeconds(20));
      assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
    }
    // The usual opening asks the server twice: once without a signature (answered by PK_OK) and
    // once signed. A signature the server could not verify would have shown as more checks.
    assertThat(keyChecks).hasSize(1);
    assertThat(KeyUtils.compareKeys(keyChecks.get(0), client.getPublic())).isTrue();
  }

  @Test
  void aRefusedKeyLeavesTheServersOtherMethods() throws Exception {
    KeyPair client = ed25519();
    start((user, key, session) -> {
      keyChecks.add(key);
      return false;
    }, (user, password, session) -> {
      passwordChecks.incrementAndGet();
      return "secret".equals(password);
    });

    ClientSession session = SshShell.client().connect("root", "127.0.0.1", server.getPort())
        .verify(Duration.ofSeconds(20)).getSession();
    try {
      session.setAttribute(SshShell.PinnedKey.ATTRIBUTE, hostKey.getPublic());
      session.addPublicKeyIdentity(client);
      session.addPasswordIdentity("secret");
      session.auth().verify(Duration.ofSeconds(20));
      assertThat(session.isAuthenticated()).isTrue();
    } finally {
      session.close(true);
    }
    assertThat(keyChecks).isNotEmpty();
    assertThat(passwordChecks).hasValue(1);
  }

  @Test
  void aKeyOfAnotherTypeTakesTheUsualOpening() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair client = rsa.generateKeyPair();
    start(acceptingOnly(client), null);

    try (SshShell shell = SshShell.connect("127.0.0.1", server.getPort(), hostKey.getPublic(), client,
        Duration.ofSeconds(20))) {
      assertThat(shell.isOpen()).isTrue();
    }
    assertThat(keyChecks).hasSize(2);
  }

  /** Accepts the client's key only, and records every key it is asked about. */
  private PublickeyAuthenticator acceptingOnly(KeyPair client) {
    return (user, key, session) -> {
      keyChecks.add(key);
      return KeyUtils.compareKeys(key, client.getPublic());
    };
  }

  private void start(PublickeyAuthenticator keys, PasswordAuthenticator passwords) throws Exception {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(keys);
    server.setPasswordAuthenticator(passwords);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new AbstractCommandSupport(command, null) {
      @Override
      public void run() {
        onExit(0);
      }
    });
    server.start();
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
