package dev.lifelab.ssh;

import dev.lifelab.common.Cache;
import dev.lifelab.common.Commands;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The keys of lifelab's SSH connections to guests: Ed25519 on both sides. Under emulation the
 * guest's SSH server signs and verifies Ed25519 several times faster than ECDSA, which shows in
 * every connection's set-up time.
 */
public final class SshKeys {
  // X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): these 12 bytes, then the 32-byte key.
  private static final byte[] ED25519_SPKI_PREFIX = {
      0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  // The client key's halves in the cache's ssh directory.
  private static final String PRIVATE_FILE = "client-ed25519.pk8";
  private static final String PUBLIC_FILE = "client-ed25519.x509";
  // Read once per JVM: parsing it took 3-5 ms between the guest's "ssh ready" and the connect.
  private static KeyPair clientKey;

  private SshKeys() {}

  /** Made on first use: setting the provider up takes ~150 ms. */
  private static final class Bc {
    static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
  }

  /** lifelab's own client key, made once and kept in the cache. */
  public static synchronized KeyPair clientKey() {
    if (clientKey == null) {
      clientKey = loadOrMakeClientKey();
    }
    return clientKey;
  }

  private static KeyPair loadOrMakeClientKey() {
    Path dir = Cache.dir("ssh");
    Path priv = dir.resolve(PRIVATE_FILE);
    Path pub = dir.resolve(PUBLIC_FILE);
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519", Bc.PROVIDER);
      if (Files.exists(priv) && Files.exists(pub)) {
        PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
        PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
        return new KeyPair(publicKey, privateKey);
      }
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519", Bc.PROVIDER);
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

  /**
   * The authorized_keys line of lifelab's client key, read from its public half alone. A guest
   * image's cache key includes it, and loading the key pair (the security provider's set-up) took
   * ~150 ms before QEMU could start; the SSH warm-up loads the pair while the guest boots.
   */
  public static String clientAuthorizedKeyLine() {
    Path dir = Cache.dir("ssh");
    Path pub = dir.resolve(PUBLIC_FILE);
    if (Files.exists(dir.resolve(PRIVATE_FILE)) && Files.exists(pub)) {
      try {
        String line = authorizedKeyLine(Files.readAllBytes(pub));
        if (line != null) {
          return line;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read lifelab's SSH key in " + dir, e);
      }
    }
    return authorizedKeyLine(clientKey().getPublic());
  }

  /** The authorized_keys line of an X.509-encoded Ed25519 public key, or null for another key. */
  static String authorizedKeyLine(byte[] x509) {
    if (x509.length != ED25519_SPKI_PREFIX.length + 32
        || !Arrays.equals(x509, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
      return null;
    }
    // RFC 8709: string "ssh-ed25519", string key
    byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + 32);
    blob.putInt(type.length).put(type).putInt(32).put(x509, ED25519_SPKI_PREFIX.length, 32);
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " lifelab";
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
