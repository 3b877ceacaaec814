package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.kernel.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Checks that bytes are a static ELF executable of a guest architecture. */
final class StaticElf {
  private static final int PT_INTERP = 3;

  private StaticElf() {}

  static void assertStaticExecutable(byte[] bytes, Arch arch) {
    ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(elf.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
    assertThat(elf.getShort(16)).as("e_type: executable").isEqualTo((short) 2);
    assertThat(elf.getShort(18)).as("e_machine").isEqualTo(arch == Arch.ARM64 ? (short) 183 : (short) 62);
    // Static: no dynamic loader is asked for.
    long phoff = elf.getLong(32);
    int phentsize = elf.getShort(54);
    int phnum = elf.getShort(56);
    for (int i = 0; i < phnum; i++) {
      assertThat(elf.getInt((int) (phoff + (long) i * phentsize))).as("program header %d", i).isNotEqualTo(PT_INTERP);
    }
  }
}
