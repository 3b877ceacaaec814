package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plain text a regex needs is only what every match contains. */
class RequiredLiteralTest {
  @Test
  void longestPlainRunOutsideGroupsAndClasses() {
    assertThat(RequiredLiteral.of("Allocated by task [0-9]+:")).isEqualTo("Allocated by task ");
    assertThat(RequiredLiteral.of("[^k] backtrace(?: \\(crc \\p{XDigit}*\\))?:")).isEqualTo(" backtrace");
    assertThat(RequiredLiteral.of("Call (?:T|t)race")).isEqualTo("Call ");
  }

  @Test
  void escapedPunctuationIsPlainTextAndQuantifiedCharactersAreNot() {
    assertThat(RequiredLiteral.of("^<[0-9]+>\\[ *[0-9]+\\.[0-9]+\\] ")).isEqualTo(">[");
    assertThat(RequiredLiteral.of("kernel: (?:x)?")).isEqualTo("kernel: ");
    assertThat(RequiredLiteral.of("abcd?")).isEqualTo("abc");
    assertThat(RequiredLiteral.of("^ *(?:x ){0,2}([a-z]+)\\+")).isEqualTo("+");
    assertThat(RequiredLiteral.of("ab{2,3}cd")).isEqualTo("cd");
  }

  @Test
  void nothingIsRequiredOfAnAlternation() {
    assertThat(RequiredLiteral.of("BUG: KASAN|WARNING")).isNull();
    assertThat(RequiredLiteral.of("[0-9]+")).isNull();
  }
}
