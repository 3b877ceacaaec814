package dev.lifelab.kernel.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRequestTest {
  @Test
  void kernelSpecWithFragments() {
    BuildRequest r = BuildRequest.fromSpec("debian-src:6.1+kasan+lockdep", "aarch64");
    assertThat(r.source()).isEqualTo(new KernelSource.Debian("6.1"));
    assertThat(r.arch()).isEqualTo("arm64");
    assertThat(r.fragments()).containsExactly("lifetime-debug", "kasan", "lockdep");
    assertThat(r.spec()).isEqualTo("debian-src:6.1+kasan+lockdep");
    assertThat(BuildRequest.isSourceSpec("debian-src:6.12")).isTrue();
    assertThat(BuildRequest.isSourceSpec("debian:6.1")).isFalse();
  }

  @Test
  void localTreeWithAPlusInItsName(@TempDir Path dir) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("linux+fixes"));
    Files.writeString(tree.resolve("Kconfig"), "");
    Files.writeString(tree.resolve("Makefile"), "VERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\n"
        + "EXTRAVERSION = -rc2\n");
    BuildRequest r = BuildRequest.fromSpec(tree.toString(), "x86_64");
    assertThat(r.source()).isEqualTo(new KernelSource.Local(tree));
    assertThat(r.fragments()).containsExactly("lifetime-debug");
    assertThat(BuildRequest.isSourceSpec(tree.toString())).isTrue();
    assertThat(BuildRequest.isSourceSpec(tree + "+kasan")).isTrue();
    assertThat(BuildRequest.isSourceSpec(dir.toString())).isFalse();
    BuildRequest withKasan = BuildRequest.fromSpec(tree + "+kasan", "x86_64");
    assertThat(withKasan.source()).isEqualTo(new KernelSource.Local(tree));
    assertThat(withKasan.fragments()).containsExactly("lifetime-debug", "kasan");
    assertThat(SourceProvider.makefileVersion(tree)).isEqualTo("6.13.0-rc2");
  }

  @Test
  void badInputIsAUserError() {
    assertThatThrownBy(() -> BuildRequest.fromSpec("debian-src:six", "arm64"))
        .isInstanceOf(UserError.class);
    assertThatThrownBy(() -> BuildRequest.fromSpec("debian-src:6.1", "riscv"))
        .isInstanceOf(UserError.class).hasMessageContaining("arm64 or x86_64");
    assertThatThrownBy(() -> BuildRequest.fromSpec("/nonexistent/linux", "arm64"))
        .isInstanceOf(UserError.class);
  }
}
