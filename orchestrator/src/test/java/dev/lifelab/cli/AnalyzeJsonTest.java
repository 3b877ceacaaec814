package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Json;
import dev.lifelab.kernellog.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `analyze --json` writes findings by hand, exactly as the shared JSON mapper would. */
class AnalyzeJsonTest {
  private static String byHand(Finding f) {
    return AnalyzeCommand.finding(new JsonText(), f).toString();
  }

  @Test
  void findingsAreWrittenAsTheJsonMapperWritesThem() throws Exception {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x300; c++) {
      every.append(c).append("x".repeat(c % 7));
    }
    every.append("\uFFFD\uD83D\uDE00\u2028 end");
    List<Finding> findings = List.of(
        new Finding("kasan", "KASAN: use-after-free Read in f", "a \"b\"\\c.log", 1, 20,
            List.of("f", "g\tx"), "6.1.0", "GB", false, "line\r\n\ttab " + every),
        new Finding("kasan", "t", "s", 1, 2, List.of(), null, null, false, "\"".repeat(5000) + "y".repeat(9000)),
        new Finding("warning", every.toString(), null, 0, 0, List.of(), null, null, true, ""),
        new Finding("bug", "t", "s", Integer.MAX_VALUE, -1, null, null, "W", true, null));

    for (Finding f : findings) {
      assertThat(byHand(f)).isEqualTo(Json.mapper().writeValueAsString(f));
    }
  }
}
