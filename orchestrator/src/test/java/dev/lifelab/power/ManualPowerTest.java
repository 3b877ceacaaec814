package dev.lifelab.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManualPowerTest {

  @Test
  void itAsksThePersonAndGoesOnWhenEnterIsPressed() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManualPower p = new ManualPower("ebisu-e3", new ByteArrayInputStream("\n\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), true);
    p.on();
    p.off();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("please switch ON board ebisu-e3, then press Enter")
        .contains("please switch OFF board ebisu-e3");
  }

  @Test
  void withoutATerminalItRefusesInsteadOfWaitingForever() {
    ManualPower p = new ManualPower("ebisu-e3", new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    assertThatThrownBy(p::cycle).isInstanceOf(PowerException.class)
        .hasMessageContaining("needs a person at a terminal").hasMessageContaining("use the 'command' driver");
  }

  @Test
  void theEndOfInputIsNoAnswer() {
    ManualPower p = new ManualPower("ebisu-e3", new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
    assertThatThrownBy(p::on).isInstanceOf(PowerException.class).hasMessageContaining("no answer");
  }
}
