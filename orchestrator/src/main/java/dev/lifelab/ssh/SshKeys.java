package dev.lifelab.ssh;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The keys of lifelab's SSH connections to guests: Ed25519 on both sides. Under emulation the
 * guest's SSH server signs and verifies Ed25519 several times faster than ECDSA, which shows in
 * every connection's set-up time.
 */
public final class SshKeys {
  private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
  // Read once per JVM: parsing it took 3-5 ms between the guest's "ssh ready" and the connect.
  private static KeyPair clientKey;

  private SshKeys() {}

  /** lifelab's own client key, made once and kept in the cache. */
  public static synchronized KeyPair clientKey() {
    if (clientKey == null) {
      clientKey = loadOrMakeClientKey();
    }
    return clientKey;
  }

  private static KeyPair loadOrMakeClientKey() {
    Path dir = Cache.dir("ssh");
    Path priv = dir.resolve("client-ed25519.pk8");
    Path pub = dir.resolve("client-ed25519.x509");
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519", BC);
      if (Files.exists(priv) && Files.exists(pub)) {
        PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
        PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
        return new KeyPair(publicKey, privateKey);
      }
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519", BC);
      KeyPair kp = gen.generateKeyPair();
      Path tmp = Files.createTempFile(dir, "key", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, kp.getPrivate().getEncoded());
      Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.write(pub, kp.getPublic().getEncoded());
      return kp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write lifelab's SSH key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make Ed25519 keys", e);
    }
  }

  /** One line of an authorized_keys file. */
  public static String authorizedKeyLine(PublicKey key) {
    return PublicKeyEntry.toString(key) + " lifelab";
  }

  /** Parses an OpenSSH public key line ({@code ecdsa-sha2-nistp256 AAAA... comment}). */
  public static PublicKey parsePublicKey(String line) {
    try {
      return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim()).resolvePublicKey(null, null);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new UserError("not an SSH public key: " + line, e);
    }
  }

  /**
   * Makes a dropbear host key with the host's {@code dropbearkey} and returns its public half as
   * an OpenSSH line, which lifelab pins when connecting.
   */
  public static String makeDropbearHostKey(Path keyFile) {
    Commands.check(List.of("dropbearkey", "-t", "ed25519", "-f", keyFile.toString()),
        null, Duration.ofMinutes(1));
    String out = Commands.check(List.of("dropbearkey", "-y", "-f", keyFile.toString()),
        null, Duration.ofMinutes(1));
    for (String line : out.split("\n")) {
      if (line.startsWith("ssh-ed25519 ")) {
        String[] parts = line.trim().split("\\s+");
        return parts[0] + " " + parts[1];
      }
    }
    throw new UserError("dropbearkey printed no public key: " + out);
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
