package dev.lifelab.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsTheFormsPeopleWrite() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("12s")).isEqualTo(Duration.ofSeconds(12));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Durations.parse("5 s x")).hasMessageContaining("not a duration");
  }

  @Test
  void naturalOrderSortsKernelReleasesByTheirNumbers() {
    List<String> releases = new ArrayList<>(List.of("6.12.107", "6.1.0-50", "6.1.0-47", "6.12.9", "6.1.0-5"));
    releases.sort(NaturalOrder.INSTANCE);
    assertThat(releases).containsExactly("6.1.0-5", "6.1.0-47", "6.1.0-50", "6.12.9", "6.12.107");
  }
}
