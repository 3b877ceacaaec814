package dev.lifelab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

class SshKeysTest {
  @Test
  void theAuthorizedKeyLineFromThePublicHalfIsTheOneSshdWrites() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519",
        new org.bouncycastle.jce.provider.BouncyCastleProvider());
    for (int i = 0; i < 3; i++) {
      KeyPair kp = gen.generateKeyPair();
      assertThat(SshKeys.authorizedKeyLine(kp.getPublic().getEncoded()))
          .isEqualTo(SshKeys.authorizedKeyLine(kp.getPublic()));
    }
  }

  @Test
  void anotherKindOfKeyIsNotTakenForEd25519() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThat(SshKeys.authorizedKeyLine(ec.getPublic().getEncoded())).isNull();
  }
}
