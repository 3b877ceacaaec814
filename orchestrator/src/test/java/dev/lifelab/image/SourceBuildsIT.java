package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Commands;
import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.host.DebianSources;
import dev.lifelab.kernel.Arch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builds the guest's SSH server from Debian's source package, as an image build does. */
class SourceBuildsIT {
  private static final Path RECIPE_DIR = Project.home().resolve("qemu/initramfs");
  private static final GuestImageRecipe.BuildPart DROPBEAR = GuestImageRecipe.load(
      RECIPE_DIR.resolve("recipe.yaml")).builds().stream()
      .filter(b -> b.source().equals("dropbear")).findFirst().orElseThrow();

  @ParameterizedTest
  @EnumSource(Arch.class)
  void dropbearIsBuiltStaticForTheGuestsArchitecture(Arch arch) throws Exception {
    Path dropbear = SourceBuilds.build(DROPBEAR, arch, RECIPE_DIR).resolve("dropbear");
    byte[] binary = Files.readAllBytes(dropbear);
    StaticElf.assertStaticExecutable(binary, arch);
    // The recipe took the /proc files out of the random pool's seeding; the package reads them.
    Path tree = DebianSources.unpacked("dropbear", DebianSources.candidateVersion("dropbear"));
    assertThat(Files.readString(tree.resolve("dbrandom.c"), StandardCharsets.ISO_8859_1)).contains("/proc/timer_list");
    assertThat(new String(binary, StandardCharsets.ISO_8859_1)).doesNotContain("/proc/timer_list")
        .contains("/dev/urandom");
    if (arch == Arch.host()) {
      // It runs, and it is the version of Debian's source package.
      String upstream = DebianSources.candidateVersion("dropbear").replaceFirst("-[^-]*$", "");
      Commands.Output o = Commands.run(List.of(dropbear.toString(), "-V"), null, Duration.ofSeconds(10));
      assertThat(o.stderr() + o.stdout()).contains("Dropbear v" + upstream);
    }
  }

  @Test
  void dropLinesThatFindNothingNameTheFileAndExpression() {
    GuestImageRecipe.BuildPart stale = new GuestImageRecipe.BuildPart("dropbear", List.of(), List.of(), Map.of(),
        Map.of(), Map.of("dbrandom.c", "no_such_call\\("), Map.of(), Map.of("dropbear", "/usr/sbin/dropbear"));
    assertThatThrownBy(() -> SourceBuilds.build(stale, Arch.X86_64, RECIPE_DIR)).isInstanceOf(UserError.class)
        .hasMessageContaining("recipe.yaml: builds: dropbear: drop-lines: dbrandom.c: no line matches 'no_such_call\\('");
  }

  @Test
  void aFailingConfigureNamesThePackageAndStep() {
    GuestImageRecipe.BuildPart bad = new GuestImageRecipe.BuildPart("dropbear", List.of("--no-such-option-x", "CC=/nonexistent/cc"),
        List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of("dropbear", "/usr/sbin/dropbear"));
    assertThatThrownBy(() -> SourceBuilds.build(bad, Arch.X86_64, RECIPE_DIR)).isInstanceOf(UserError.class)
        .hasMessageContaining("building dropbear: configure failed");
  }
}
