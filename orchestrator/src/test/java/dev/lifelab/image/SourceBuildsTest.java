package dev.lifelab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a build's package files are edited before the build: dropped lines, then replaced text. */
class SourceBuildsTest {
  @TempDir
  Path tree;

  private static GuestImageRecipe.BuildPart part(Map<String, String> dropLines,
      Map<String, Map<String, String>> replaceText) {
    return new GuestImageRecipe.BuildPart("pkg", List.of(), List.of(), Map.of(), Map.of(), dropLines, replaceText,
        Map.of("pkg", "/usr/bin/pkg"));
  }

  @Test
  void linesAreDroppedAndThenTheOnePlaceEachExpressionFindsIsReplaced() throws Exception {
    Files.writeString(tree.resolve("a.c"), "int f(void) {\n  log_it();\n  return x == 0 || y;\n}\n");
    String edited = SourceBuilds.edited(part(Map.of("a.c", "log_it\\("),
        Map.of("a.c", Map.of("return x == 0 \\|\\| ", "return (x == 0 && $z) || "))), tree, "a.c", tree);
    // The replacement is taken as it is written: "$z" is text, not a group.
    assertThat(edited).isEqualTo("int f(void) {\n  return (x == 0 && $z) || y;\n}\n");
  }

  @Test
  void anExpressionThatFindsNothingOrSeveralPlacesNamesTheFileAndExpression() throws Exception {
    Files.writeString(tree.resolve("a.c"), "a = 0;\nb = 0;\n");
    assertThatThrownBy(() -> SourceBuilds.edited(part(Map.of(), Map.of("a.c", Map.of("c = 0", "c = 1"))), tree,
        "a.c", tree)).isInstanceOf(UserError.class)
        .hasMessageContaining("recipe.yaml: builds: pkg: replace-text: a.c: nothing matches 'c = 0'");
    assertThatThrownBy(() -> SourceBuilds.edited(part(Map.of(), Map.of("a.c", Map.of("= 0", "= 1"))), tree,
        "a.c", tree)).isInstanceOf(UserError.class)
        .hasMessageContaining("replace-text: a.c: '= 0' matches more than one place");
    assertThatThrownBy(() -> SourceBuilds.edited(part(Map.of(), Map.of("b.c", Map.of("x", "y"))), tree,
        "b.c", tree)).isInstanceOf(UserError.class)
        .hasMessageContaining("replace-text: b.c: the package has no such file");
  }
}
