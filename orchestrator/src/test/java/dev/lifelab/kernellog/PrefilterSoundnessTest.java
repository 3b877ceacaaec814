package dev.lifelab.kernellog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts taken before running a regex (first characters, required literals) never turn
 * down a line the regex matches: checked for the table's regexes on every line of the corpus.
 */
class PrefilterSoundnessTest {
  private static final Pattern MACRO = Pattern.compile("\\{\\{([A-Z_]+)}}");

  private static String expand(String regex, Map<String, String> macros) {
    Matcher m = MACRO.matcher(regex);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(expand(macros.get(m.group(1)), macros)));
    }
    return m.appendTail(out).toString();
  }

  private static List<String> corpusLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.list(SyzkallerCase.corpusDir()),
        Files.list(SyzkallerCase.corpusDir().resolveSibling("qemu")))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).split("\n")) {
          lines.add(line);
          // the text without its console prefix, as most regexes see it
          lines.add(line.replaceFirst("^.*?\\[ *[0-9]+\\.[0-9]+\\](?: ?\\[ *[CT][0-9]+\\])? ", ""));
        }
      }
    }
    return lines;
  }

  @Test
  void prefiltersNeverTurnDownAMatch() throws IOException {
    TableSpec spec;
    try (InputStream in = KernelMessageTable.class.getResourceAsStream(KernelMessageTable.DEFAULT_RESOURCE)) {
      spec = TableYaml.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), TableSpec.class);
    }
    List<String> regexes = new ArrayList<>();
    regexes.addAll(spec.reports().contentLines());
    regexes.addAll(spec.console().prefixes());
    regexes.addAll(spec.stacks().frames());
    regexes.addAll(spec.stacks().starts());
    regexes.addAll(spec.stacks().corruptedLines());
    regexes.addAll(spec.stacks().stallAnchors());
    regexes.addAll(spec.titles().corrupted());
    regexes.add(spec.kernel().version());
    spec.groups().forEach(g -> {
      if (g.suppress() != null) {
        regexes.addAll(g.suppress());
      }
      g.formats().forEach(f -> {
        if (f.stack() != null) {
          for (List<String> parts : Arrays.asList(f.stack().parts(), f.stack().fallback())) {
            if (parts != null) {
              parts.stream().filter(part -> !part.equals("STACK")).forEach(regexes::add);
            }
          }
        }
      });
    });
    List<String> lines = corpusLines();
    assertThat(lines).hasSizeGreaterThan(10_000);
    int anchored = 0;
    int withLiterals = 0;
    for (String source : new java.util.LinkedHashSet<>(regexes)) {
      Pattern p = Pattern.compile(expand(source, spec.macros()));
      LineStartRegex start = new LineStartRegex(p);
      String[] literals = RequiredLiteral.anyOfPattern(p);
      anchored += p.pattern().startsWith("^") ? 1 : 0;
      withLiterals += literals != null ? 1 : 0;
      for (String line : lines) {
        if (p.pattern().startsWith("^")) {
          assertThat(start.lookingAt(line)).as("%s on %s", p, line).isEqualTo(p.matcher(line).lookingAt());
        }
        if (p.matcher(line).find()) {
          assertThat(PatternSet.mayMatch(line, literals)).as("%s on %s", p, line).isTrue();
        }
      }
    }
    assertThat(anchored).isGreaterThan(10);
    assertThat(withLiterals).isGreaterThan(20);
  }

  @Test
  void firstCharactersAreReadFromTheRegex() {
    assertThat(LineStartRegex.FirstChars.of("(?:RIP|RSP|x[0-9]+)\\s*:")).satisfies(f -> {
      assertThat(f['R']).isTrue();
      assertThat(f['x']).isTrue();
      assertThat(f['S']).isFalse();
    });
    assertThat(LineStartRegex.FirstChars.of("</?(?:TASK|IRQ)>")).satisfies(f -> {
      assertThat(f['<']).isTrue();
      assertThat(f['T']).isFalse();
    });
    assertThat(LineStartRegex.FirstChars.of("(?:ab)?[0-9a-f]{8,}:")).satisfies(f -> {
      assertThat(f['a']).isTrue();
      assertThat(f['7']).isTrue();
      assertThat(f['g']).isFalse();
    });
    assertThat(LineStartRegex.FirstChars.of("a?b*")).isNull(); // matches the empty text
    assertThat(RequiredLiteral.anyOfPattern(Pattern.compile("(?:Call (?:T|t)race:)|(?:Backtrace:)")))
        .containsExactly("Call ", "Backtrace:");
    assertThat(RequiredLiteral.anyOfPattern(Pattern.compile("(a)b|(c)"))).containsExactly("b", "c");
    assertThat(RequiredLiteral.anyOfPattern(Pattern.compile("(a)b|[0-9]"))).isNull();
    assertThat(LineStartRegex.FirstChars.of("(?=x)x")).isNull();
    assertThat(LineStartRegex.FirstChars.of("[^a]b")).isNull();
    assertThat(LineStartRegex.FirstChars.of("\\p{Lu}x")).isNull();
    assertThat(new LineStartRegex(Pattern.compile("^\\s*(?:Call|RIP)")).lookingAt("   Call Trace:")).isTrue();
    assertThat(new LineStartRegex(Pattern.compile("^\\s*(?:Call|RIP)")).mayMatch("   ret_from_fork")).isFalse();
    assertThat(new LineStartRegex(Pattern.compile("^\\s*(?:\\s|x)")).mayMatch("  y")).isTrue();
  }
}
