package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small reader of the shipped table reads it exactly as the general YAML binder does. */
class TableYamlTest {
  @Test
  void theShippedTableReadsAsTheGeneralBinderReadsIt() throws IOException {
    byte[] yaml;
    try (InputStream in = KernelMessageTable.class.getResourceAsStream(KernelMessageTable.DEFAULT_RESOURCE)) {
      yaml = in.readAllBytes();
    }
    TableSpec expected = KernelMessageTable.jacksonSpec(new java.io.ByteArrayInputStream(yaml));

    TableSpec read = TableYaml.read(new String(yaml, StandardCharsets.UTF_8), TableSpec.class);

    assertThat(read).isEqualTo(expected);
    assertThat(read.stacks().skip().keySet()).containsExactlyElementsOf(expected.stacks().skip().keySet());
  }

  record Sample(String name, int count, boolean on, List<String> items, Map<String, Integer> sizes,
      List<Sample> children) {}

  @Test
  void readsBlockAndFlowCollectionsQuotesAndComments() {
    Sample s = TableYaml.read("""
        # a comment
        name: 'it''s # not a comment'   # but this is
        count: 12
        on: true
        items: [a, 'b, c',
          d]
        sizes: {'x: y': 1, z: 2}
        children:
          - name: kid
            items:
            - one
            - 'two'
          -   name: other
        """, Sample.class);

    assertThat(s).isEqualTo(new Sample("it's # not a comment", 12, true, List.of("a", "b, c", "d"),
        Map.of("x: y", 1, "z", 2), List.of(new Sample("kid", 0, false, List.of("one", "two"), null, null),
            new Sample("other", 0, false, null, null, null))));
  }

  @Test
  void leavesWhatItDoesNotHandleToTheGeneralBinder() {
    assertThatThrownBy(() -> TableYaml.read("name: \"double\"\n", Sample.class))
        .isInstanceOf(TableYaml.Unsupported.class);
    assertThatThrownBy(() -> TableYaml.read("name: |\n  block\n", Sample.class))
        .isInstanceOf(TableYaml.Unsupported.class);
    assertThatThrownBy(() -> TableYaml.read("unknown: 1\n", Sample.class))
        .isInstanceOf(TableYaml.Unsupported.class);
  }
}
