package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesMarkupControlsAndBidiOverrides() {
    assertThat(Html.esc("<img src=x onerror=\"a('b')\">&amp;"))
        .isEqualTo("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;amp;");
    assertThat(Html.esc("a\u0000b\u001bc\u007fd\u0085e\r\n\tf"))
        .isEqualTo("a\\x00b\\x1bc\\x7fd\\x85e\n\tf");
    assertThat(Html.esc("x\u202ey")).isEqualTo("x&lt;U+202E&gt;y");
    assertThat(Html.esc("caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
    assertThat(Html.esc("lone \ud800 surrogate")).isEqualTo("lone &lt;U+D800&gt; surrogate");
    assertThat(Html.esc(null)).isEmpty();
  }

  @Test
  void linksToRunDirectoriesAreRelativeAndEncoded() {
    Path page = Path.of("/srv/lab/reports/nightly.html");
    assertThat(Html.fileLink(page, Path.of("/srv/lab/runs/2026-03-01 a#1"), true))
        .isEqualTo("../runs/2026-03-01%20a%231/");
    assertThat(Html.fileLink(page, Path.of("/srv/lab/reports/run:1"), true))
        .isEqualTo("./run:1/");
    assertThat(Html.id("run-", "a b/<c>")).isEqualTo("run-a_b__c_");
  }

  @Test
  void sinceTakesDurationsAndDates() {
    Instant now = Instant.parse("2026-03-03T07:00:00Z");
    assertThat(Since.parse("36h", now, ZoneOffset.UTC)).isEqualTo("2026-03-01T19:00:00Z");
    assertThat(Since.parse("2w", now, ZoneOffset.UTC)).isEqualTo("2026-02-17T07:00:00Z");
    assertThat(Since.parse("P1D", now, ZoneOffset.UTC)).isEqualTo("2026-03-02T07:00:00Z");
    assertThat(Since.parse("2026-03-01", now, ZoneOffset.ofHours(1)))
        .isEqualTo("2026-02-28T23:00:00Z");
    assertThat(Since.parse("2026-03-01T02:00", now, ZoneOffset.UTC))
        .isEqualTo("2026-03-01T02:00:00Z");
    assertThat(Since.parse("2026-03-01T02:00:00+02:00", now, ZoneOffset.UTC))
        .isEqualTo("2026-03-01T00:00:00Z");
  }
}
