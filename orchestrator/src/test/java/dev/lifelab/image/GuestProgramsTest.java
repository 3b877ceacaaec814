package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.kernel.Arch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compiles the guest's init with the real (cross) compilers, as an image build does. */
class GuestProgramsTest {
  private static final Path INIT = Project.home().resolve("qemu/initramfs/init.c");
  private static final int PT_INTERP = 3;

  @TempDir
  Path tmp;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theInitIsAStaticExecutableOfTheGuestsArchitecture(Arch arch) {
    ByteBuffer elf = ByteBuffer.wrap(GuestPrograms.compile(INIT, arch, tmp)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(elf.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
    assertThat(elf.getShort(16)).as("e_type: executable").isEqualTo((short) 2);
    assertThat(elf.getShort(18)).as("e_machine").isEqualTo(arch == Arch.ARM64 ? (short) 183 : (short) 62);
    // The kernel starts it before anything else exists: no dynamic loader may be asked for.
    long phoff = elf.getLong(32);
    int phentsize = elf.getShort(54);
    int phnum = elf.getShort(56);
    for (int i = 0; i < phnum; i++) {
      assertThat(elf.getInt((int) (phoff + (long) i * phentsize))).as("program header %d", i).isNotEqualTo(PT_INTERP);
    }
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
