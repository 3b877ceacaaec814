package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Commands;
import dev.lifelab.common.Project;
import dev.lifelab.host.DebianSources;
import dev.lifelab.kernel.Arch;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guests' dropbear does its key exchange and signatures with the recipe's curve25519.c
 * instead of the package's. Both are built for this machine from Debian's dropbear source, as
 * the recipe builds them, and linked into one program that compares them on random keys and
 * messages, checks the published test vectors, and checks that changed signatures, keys and
 * messages are refused.
 */
class DropbearCurve25519IT {
  private static final Path RECIPE_DIR = Project.home().resolve("qemu/initramfs");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final List<String> FUNCTIONS = List.of("dropbear_curve25519_scalarmult",
      "dropbear_ed25519_make_key", "dropbear_ed25519_sign", "dropbear_ed25519_verify");

  @Test
  void theRecipesCurve25519AgreesWithThePackagesAndTheRfcs(@TempDir Path work) throws Exception {
    GuestImageRecipe.BuildPart dropbear = GuestImageRecipe.load(RECIPE_DIR.resolve("recipe.yaml")).builds()
        .stream().filter(b -> b.source().equals("dropbear")).findFirst().orElseThrow();
    assertThat(dropbear.sources()).containsEntry("curve25519.c", "curve25519.c");
    Path tree = DebianSources.unpacked("dropbear", DebianSources.candidateVersion("dropbear"));

    // The build directory as an image build makes it, configured for this machine.
    String cc = Arch.host().gcc();
    SourceBuilds.configure(dropbear, Arch.host(), tree, SourceBuilds.readSources(dropbear, RECIPE_DIR), RECIPE_DIR,
        work);
    run(List.of("make", "-j2", "curve25519.o", "libtomcrypt/libtomcrypt.a", "libtommath/libtommath.a"), work);

    // The package's own, with its functions renamed so that both link into one program.
    run(List.of(cc, "-c", "-O2", "-I" + work, "-I" + tree, "-I" + tree.resolve("libtomcrypt/src/headers"),
        "-DLOCALOPTIONS_H_EXISTS", "-DDROPBEAR_SERVER", tree.resolve("curve25519.c").toString(),
        "-o", "package.o"), work);
    List<String> rename = new ArrayList<>(List.of("objcopy"));
    for (String f : FUNCTIONS) {
      rename.addAll(List.of("--redefine-sym", f + "=package_" + f));
    }
    rename.addAll(List.of("package.o", "package-renamed.o"));
    run(rename, work);

    Path check = work.resolve("curve25519-check.c");
    try (InputStream in = getClass().getResourceAsStream("curve25519-check.c")) {
      Files.copy(in, check);
    }
    run(List.of(cc, "-O2", "-I" + tree.resolve("libtommath"), check.toString(), "curve25519.o",
        "package-renamed.o", "libtomcrypt/libtomcrypt.a", "libtommath/libtommath.a", "-o", "curve25519-check"), work);
    Commands.Output result = Commands.run(List.of(work.resolve("curve25519-check").toString(), "500"), work, STEP);
    System.out.println(result.stdout());
    assertThat(result.stdout()).contains("500 random cases, 0 failures").doesNotContain("FAIL");
    assertThat(result.exitCode()).isZero();
  }

  private static void run(List<String> command, Path dir) {
    Commands.Output o = Commands.run(command, dir, STEP);
    assertThat(o.exitCode()).as("%s:%n%s", String.join(" ", command), Commands.tail(o.stderr() + o.stdout(), 30))
        .isZero();
  }
}
