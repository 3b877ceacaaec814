package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void eachSubcommandIsListedUnderTheNameItsAnnotationGives() {
    for (Map.Entry<String, Class<?>> e : Main.SUBCOMMANDS.entrySet()) {
      assertThat(e.getValue().getAnnotation(CommandLine.Command.class).name()).isEqualTo(e.getKey());
    }
  }

  @Test
  void helpListsEverySubcommand() {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.newCommandLine(new String[] {"--help"});
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("--help")).isZero();
    assertThat(out.toString()).contains(Main.SUBCOMMANDS.keySet());
  }

  @Test
  void aSubcommandRunsWithOnlyItselfSetUp() {
    CommandLine cmd = Main.newCommandLine(new String[] {"boot", "--help"});
    assertThat(cmd.getSubcommands()).containsOnlyKeys("boot");
    StringWriter out = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    assertThat(cmd.execute("boot", "--help")).isZero();
    assertThat(out.toString()).contains("--target");
  }

  @Test
  void helpAboutACommandAndAnUnknownCommandStillSeeThemAll() {
    assertThat(Main.newCommandLine(new String[] {"help", "boot"}).getSubcommands()).containsKeys("boot", "run");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.newCommandLine(new String[] {"frobnicate"});
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("frobnicate")).isEqualTo(ExitCodes.INFRA);
    assertThat(err.toString()).contains("frobnicate").contains("boot");
  }
}
