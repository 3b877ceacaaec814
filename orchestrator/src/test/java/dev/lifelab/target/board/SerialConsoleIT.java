package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.console.ConsoleRecorder;
import dev.lifelab.console.SerialConsole;
import dev.lifelab.power.QmpPower;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial console and QMP power against the stand-in's real pty and U-Boot. */
class SerialConsoleIT {
  static final Pattern BANNER = Pattern.compile("U-Boot 20\\d\\d\\.\\d\\d");
  @TempDir Path dir;

  @AfterEach
  void off() throws Exception {
    StandIn.power("off");
  }

  @Test
  void theConsoleSurvivesThePortVanishingAndComingBackWithoutLosingWhatWasRead() throws Exception {
    Path log = dir.resolve("console.log");
    StandIn.power("on");
    try (SerialConsole console = SerialConsole.open(StandIn.PORT.toString(), 115200, new ConsoleRecorder(log),
        Duration.ZERO)) {
      ConsoleRecorder rec = console.recorder();
      assertThat(rec.await(0, Duration.ofSeconds(30), BANNER)).isPresent();
      long firstBoot = rec.position();
      StandIn.power("off");
      awaitLost(console, true);
      StandIn.power("on");
      // A new pty behind the same path: the console finds it and U-Boot starts again.
      assertThat(rec.await(firstBoot, Duration.ofSeconds(30), BANNER)).isPresent();
      assertThat(console.lost()).isEmpty();
    }
    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(BANNER.matcher(text).results().count()).isEqualTo(2);
    assertThat(text).containsSubsequence("U-Boot 20", "serial port " + StandIn.PORT + " lost",
        "serial port " + StandIn.PORT + " back after", "U-Boot 20");
    assertThat(dir.resolve("console.log.timestamps")).content().isNotEmpty();
  }

  @Test
  void aPortThatIsNotThereIsNamedWithTheLinkThatPointsNowhere() throws Exception {
    Path link = dir.resolve("ttyUSB3");
    Files.createSymbolicLink(link, Path.of("/dev/pts/4242"));
    try {
      SerialConsole.open(link.toString(), 115200, new ConsoleRecorder(dir.resolve("c.log")), Duration.ofMillis(300))
          .close();
      throw new AssertionError("opened a port that does not exist");
    } catch (SerialConsole.OpenException e) {
      assertThat(e.getMessage()).isEqualTo("serial port " + link + " does not exist (a link to /dev/pts/4242, "
          + "which is gone) (adapter unplugged, board off, or a wrong path?)");
    }
  }

  @Test
  void qmpPowerOffStopsTheMachineAndOnBringsItUpThroughItsFirmwareAgain() throws Exception {
    StandIn.power("on");
    QmpPower power = new QmpPower(StandIn.STATE.resolve("qmp.sock"));
    try (SerialConsole console = SerialConsole.open(StandIn.PORT.toString(), 115200,
        new ConsoleRecorder(dir.resolve("console.log")), Duration.ZERO)) {
      ConsoleRecorder rec = console.recorder();
      assertThat(rec.await(0, Duration.ofSeconds(30), Pattern.compile("Hit any key to stop autoboot"))).isPresent();
      power.off();
      long stopped = rec.position();
      Thread.sleep(1500);
      // Stopped: the countdown does not go on, nothing more arrives.
      assertThat(rec.position()).isEqualTo(stopped);
      power.on();
      assertThat(rec.await(stopped, Duration.ofSeconds(30), BANNER)).isPresent();
    }
  }

  private static void awaitLost(SerialConsole console, boolean lost) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (console.lost().isPresent() != lost && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(console.lost().isPresent()).isEqualTo(lost);
  }
}
