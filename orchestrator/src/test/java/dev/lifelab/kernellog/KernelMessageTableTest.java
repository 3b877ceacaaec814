package dev.lifelab.kernellog;

import static dev.lifelab.kernellog.SampleLogs.join;
import static dev.lifelab.kernellog.SampleLogs.stamped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table is data: formats are added by adding entries, and mistakes in it are named. */
class KernelMessageTableTest {
  private static String defaultYaml() throws IOException {
    try (InputStream in = KernelMessageTable.class.getResourceAsStream(KernelMessageTable.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static KernelMessageTable load(String yaml) throws IOException {
    return KernelMessageTable.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static final String WIDGET_GROUP = """
        - header: 'widget: jammed'
          kind: widget
          formats:
            - match: 'widget: jammed in slot ([0-9]+)'
              title: 'widget jam in {frame}'
              stack:
                parts: ['{{CALL_TRACE}}', STACK]
      """;

  private static final String WIDGET_REPORT = """
      widget: jammed in slot 3
      CPU: 0 PID: 12 Comm: kworker/0:1 Not tainted 6.12.117 #1
      Call Trace:
       <TASK>
       widget_feed+0x20/0x80 [widget]
       process_one_work+0x1d8/0x360
       worker_thread+0x74/0x440
       kthread+0x178/0x180
       ret_from_fork+0x10/0x30
       </TASK>
      """;

  @Test
  void aFormatAddedToTheTableIsRecognised() throws IOException {
    KernelLogAnalyzer withWidgets = KernelLogAnalyzer.of(load(defaultYaml() + WIDGET_GROUP));

    List<Finding> findings = withWidgets.analyze(join(stamped(WIDGET_REPORT, 5)), "console.log");

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo("widget");
      assertThat(f.title()).isEqualTo("widget jam in widget_feed");
      assertThat(f.kernelVersion()).isEqualTo("6.12.117");
    });
    assertThat(KernelLogAnalyzer.defaultTable().analyze(join(stamped(WIDGET_REPORT, 5)), "console.log"))
        .isEmpty();
  }

  @Test
  void aRegexTheEngineCannotCopeWithCostsOneTitleNotTheLog() throws IOException {
    // a repeated group recurses once per character: a long line overflows the stack
    String runaway = WIDGET_GROUP.replace("        title: 'widget jam in {frame}'",
        "        details: '(?:.|\\n)*widget end'\n        title: 'widget jam in {frame}'");
    assertThat(runaway).contains("details:");
    KernelLogAnalyzer withWidgets = KernelLogAnalyzer.of(load(defaultYaml() + runaway));
    String log = join(stamped(WIDGET_REPORT + "x".repeat(60_000) + "\n", 5),
        stamped(SampleLogs.REFCOUNT_UNDERFLOW, 9));

    List<Finding> findings = withWidgets.analyze(log, "console.log");

    assertThat(findings).extracting(Finding::title)
        .containsExactly("widget: jammed in slot NUM", "WARNING: refcount bug in qux_release");
    assertThat(findings.get(0).corrupted()).isTrue();
  }

  @Test
  void unknownFieldIsRejectedWithItsName() {
    String yaml = "macros: {}\nheaderz: []\n";

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.yaml").hasMessageContaining("headerz");
  }

  @Test
  void badRegexIsRejectedNamingItsFormat() throws IOException {
    String yaml = defaultYaml() + WIDGET_GROUP.replace("slot ([0-9]+)", "slot ([0-9]+");

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group 'widget: jammed'").hasMessageContaining("widget jam in {frame}");
  }

  @Test
  void unknownMacroIsRejected() throws IOException {
    String yaml = defaultYaml() + WIDGET_GROUP.replace("{{CALL_TRACE}}", "{{CALL_TRACES}}");

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{CALL_TRACES}}");
  }

  @Test
  void titleUsingAFrameNeedsAStackRule() throws IOException {
    String withoutStack = WIDGET_GROUP.replace("        stack:\n          parts: ['{{CALL_TRACE}}', STACK]\n", "");
    assertThat(withoutStack).doesNotContain("stack:");
    String yaml = defaultYaml() + withoutStack;

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{frame} without a stack");
  }
}
