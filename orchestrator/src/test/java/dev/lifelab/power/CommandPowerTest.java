package dev.lifelab.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPowerTest {
  @TempDir Path dir;

  private PowerControl power(String on, String off, String cycle, Duration timeout) {
    return new CommandPower.Spec(on, off, cycle, Duration.ofMillis(300), timeout)
        .create(new PowerSpec.Context("bench-board", dir, dir));
  }

  @Test
  void onAndOffRunTheirCommandsInTheLifelabDirectoryWithTheTargetNamed() throws Exception {
    PowerControl p = power("echo \"on $LIFELAB_TARGET\" >> relay.txt", "echo off >> relay.txt", null, Duration.ofSeconds(10));
    p.on();
    p.off();
    assertThat(dir.resolve("relay.txt")).hasContent("on bench-board\noff");
    assertThat(dir.resolve("power.log")).content().contains("power on: echo").contains("power off: echo");
  }

  @Test
  void aCycleWithoutItsOwnCommandIsOffThenOnWithTheBoardOffInBetween() throws Exception {
    PowerControl p = power("date +%s%N >> on.txt", "date +%s%N >> off.txt", null, Duration.ofSeconds(10));
    p.cycle();
    long off = Long.parseLong(Files.readString(dir.resolve("off.txt")).trim());
    long on = Long.parseLong(Files.readString(dir.resolve("on.txt")).trim());
    assertThat(Duration.ofNanos(on - off)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void anOnRightAfterAnOffAlsoWaitsTheOffTime() throws Exception {
    PowerControl p = power("date +%s%N >> on.txt", "date +%s%N >> off.txt", null, Duration.ofSeconds(10));
    p.off();
    p.on();
    long off = Long.parseLong(Files.readString(dir.resolve("off.txt")).trim());
    long on = Long.parseLong(Files.readString(dir.resolve("on.txt")).trim());
    assertThat(Duration.ofNanos(on - off)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aSwitchsOwnCycleCommandIsUsedWhenGiven() throws Exception {
    PowerControl p = power("echo on >> relay.txt", "echo off >> relay.txt", "echo cycle >> relay.txt", Duration.ofSeconds(10));
    p.cycle();
    assertThat(dir.resolve("relay.txt")).hasContent("cycle");
  }

  @Test
  void aFailingCommandIsAPowerErrorWithItsLastOutputLine() {
    PowerControl p = power("echo 'outlet 3: no such outlet' >&2; exit 4", "true", null, Duration.ofSeconds(10));
    assertThatThrownBy(p::on).isInstanceOf(PowerException.class)
        .hasMessageContaining("failed with status 4: outlet 3: no such outlet");
  }

  @Test
  void aCommandThatHangsIsStoppedAtItsTimeout() {
    PowerControl p = power("sleep 60", "true", null, Duration.ofMillis(500));
    long start = System.nanoTime();
    assertThatThrownBy(p::on).isInstanceOf(PowerException.class).hasMessageContaining("did not finish within 500 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
