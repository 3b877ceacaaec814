package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestImageRecipeTest {
  private static final Path RECIPE_DIR = Project.home().resolve("qemu/initramfs");

  @TempDir
  Path tmp;

  @Test
  void theBundledRecipeNamesOnlyFilesItHas() {
    GuestImageRecipe r = GuestImageRecipe.load(RECIPE_DIR.resolve("recipe.yaml"));
    assertThat(r.programs()).extracting(GuestImageRecipe.ProgramPart::path).containsExactly("/init");
    r.programs().forEach(p -> assertThat(RECIPE_DIR.resolve(p.source())).isRegularFile());
    r.files().stream().filter(f -> f.source() != null)
        .forEach(f -> assertThat(RECIPE_DIR.resolve(f.source())).isRegularFile());
    // init.c ends in busybox init, which reads this file.
    assertThat(r.files()).extracting(GuestImageRecipe.FilePart::path).contains("/etc/inittab");
    // init.c starts the SSH server from this path.
    assertThat(r.builds()).flatExtracting(b -> b.install().values()).contains("/usr/sbin/dropbear");
    r.builds().forEach(b -> b.sources().values().forEach(s -> assertThat(RECIPE_DIR.resolve(s)).isRegularFile()));
  }

  @Test
  void aDropLinesExpressionThatDoesNotCompileIsRejectedWithItsLine() throws IOException {
    loading("builds:\n  - source: dropbear\n    drop-lines: {dbrandom.c: 'process_file(&hs'}\n"
        + "    install: {dropbear: /usr/sbin/dropbear}\n")
        .hasMessageStartingWith(recipe() + ":3:")
        .hasMessageContaining("field 'builds[0].drop-lines': maps to a regular expression");
  }

  @Test
  void aReplaceTextExpressionThatDoesNotCompileIsRejectedWithItsLine() throws IOException {
    loading("builds:\n  - source: dropbear\n    replace-text:\n      svr-chansession.c: {'pid == 0 ||(': x}\n"
        + "    install: {dropbear: /usr/sbin/dropbear}\n")
        .hasMessageStartingWith(recipe() + ":3:")
        .hasMessageContaining("field 'builds[0].replace-text': maps each file to regular expressions");
  }

  @Test
  void aBuildSourceOutsideTheRecipeDirectoryIsRejectedWithItsLine() throws IOException {
    loading("builds:\n  - source: dropbear\n    sources: {curve25519.c: ../curve25519.c}\n"
        + "    install: {dropbear: /usr/sbin/dropbear}\n")
        .hasMessageStartingWith(recipe() + ":3:")
        .hasMessageContaining("field 'builds[0].sources': maps to plain files of the recipe directory");
  }

  @Test
  void aBuildWithARelativeImagePathIsRejectedWithItsLine() throws IOException {
    loading("packages: []\nbuilds:\n  - source: dropbear\n    install: {dropbear: usr/sbin/dropbear}\n")
        .hasMessageStartingWith(recipe() + ":4:")
        .hasMessageContaining("field 'builds[0].install': image paths must be absolute");
  }

  @Test
  void aBuildThatInstallsNothingIsRejected() throws IOException {
    loading("builds:\n  - source: dropbear\n    make: [PROGRAMS=dropbear]\n")
        .hasMessageContaining("field 'builds[0].install': say which built files go into the image");
  }

  @Test
  void aProgramThatIsNotACSourceIsRejectedWithItsLine() throws IOException {
    loading("packages: []\nprograms:\n  - {path: /init, source: init}\n")
        .hasMessageStartingWith(recipe() + ":3:")
        .hasMessageContaining("field 'programs[0].source': must be a C file of the recipe directory");
  }

  /** Where the tests write the recipe they load. */
  private Path recipe() {
    return tmp.resolve("recipe.yaml");
  }

  /** Writes the recipe and expects loading it to be refused. */
  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) throws IOException {
    Files.writeString(recipe(), yaml);
    return assertThatThrownBy(() -> GuestImageRecipe.load(recipe())).isInstanceOf(UserError.class);
  }
}
