package dev.lifelab.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestMarkersTest {
  @Test
  void readsTheGuestClockFromInitsDevicesLine() {
    String line = "[    0.789712] lifelab-guest: devices ready; guest clock: kernel ran /init at 0.576999,"
        + " init started at 0.586882\r\n";
    assertThat(GuestMarkers.DEVICES.matcher(line).find()).isTrue();
    assertThat(GuestMarkers.guestClock(line)).containsExactly(0.576999, 0.586882);
  }

  @Test
  void aDevicesLineWithoutTheClockLeavesItToDmesg() {
    assertThat(GuestMarkers.guestClock("[    1.0] lifelab-guest: devices ready\r\n")).isNull();
  }

  @Test
  void theDevicesMarkerWaitsForTheEndOfItsLine() {
    // The console delivers a line in pieces; the clock is at its end.
    assertThat(GuestMarkers.DEVICES.matcher("lifelab-guest: devices ready; guest clock: kernel ran /in").find())
        .isFalse();
    assertThat(GuestMarkers.DEVICES.matcher("lifelab-guest: devices ready\n").find()).isTrue();
  }
}
