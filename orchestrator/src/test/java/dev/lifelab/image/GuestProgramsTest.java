package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compiles the guest's init with the real (cross) compilers, as an image build does. */
class GuestProgramsTest {
  private static final Path INIT = Project.home().resolve("qemu/initramfs/init.c");

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theInitIsAStaticExecutableOfTheGuestsArchitecture(Arch arch) {
    // The kernel starts it before anything else exists: no dynamic loader may be asked for.
    StaticElf.assertStaticExecutable(GuestPrograms.compile(INIT, arch, tmp), arch);
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aSourceThatDoesNotCompileNamesTheFileAndLine() throws IOException {
    Path broken = tmp.resolve("broken.c");
    Files.writeString(broken, "int main(void) {\n  return undefined_name;\n}\n");
    assertThatThrownBy(() -> GuestPrograms.compile(broken, Arch.X86_64, tmp)).isInstanceOf(UserError.class)
        .hasMessageContaining(broken + ": does not compile for amd64")
        .hasMessageContaining("broken.c:2:");
  }
}
