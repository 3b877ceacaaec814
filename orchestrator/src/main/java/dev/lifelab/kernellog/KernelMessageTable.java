package dev.lifelab.kernellog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifelab.kernellog.ReportFormat.Group;
import dev.lifelab.kernellog.TableSpec.GroupSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled kernel-messages table: which lines start a report, how a report is delimited, how
 * it is named. Immutable and safe to share between threads.
 */
public final class KernelMessageTable {
  static final String DEFAULT_RESOURCE = "kernel-messages.yaml";

  private static volatile KernelMessageTable defaultTable;

  final List<ConsolePrefix> consolePrefixes;
  final String questionableMarker;
  final String questionableSuffix;
  final String questionableUnless;

  final TableSpec.ReportSpec limits;
  final List<String> leadInMarkers;
  final List<String> endMarkers;
  final List<String> continuations;
  final List<String> interruptions;
  final List<String> ignoredLines;
  final List<String> trailerPatterns;
  /** Report content lines, each anchored at the start of the line (matched with lookingAt). */
  private final LineStartRegex[] contentLines;
  /** For each content-line regex, texts one of which its matching lines hold (or null). */
  private final String[][] contentLiterals;

  final List<Pattern> stackStarts;
  /** For each stack start, text its lines must contain, or null. */
  final List<String> stackStartLiterals;
  final List<Pattern> frameLines;
  private final boolean[] frameAnchored;
  /** Text each frame regex needs in a line (arm's ") from "), or null: most lines are turned down by it. */
  private final String[] frameLiterals;
  final PatternSet corruptedLines;
  final List<String> stripPrefixes;
  final PatternSet stallAnchors;
  final List<String> stallSelfAnchors;
  final Map<String, String> hangAnchors;
  final List<String> hangSkip;

  final int maxTitleLength;
  final PatternSet corruptedTitles;
  final List<Map.Entry<Pattern, String>> titleReplacements;

  final Pattern kernelVersion;
  /** Texts one of which a line with the kernel version holds (null: none known). */
  final String[] kernelVersionLiterals;
  final Pattern taint;

  final List<Group> groups;

  private KernelMessageTable(TableSpec spec, String source) {
    TableCompiler c = new TableCompiler(spec.macros(), source);
    List<ConsolePrefix> prefixes = new ArrayList<>();
    for (Pattern p : c.regexes("console.prefixes", spec.console().prefixes())) {
      prefixes.add(new ConsolePrefix(p, p.pattern().contains("(?<" + ConsolePrefix.CALLER + ">"),
          RequiredLiteral.of(p.pattern())));
    }
    consolePrefixes = List.copyOf(prefixes);
    questionableMarker = spec.console().questionableMarker();
    questionableSuffix = spec.console().questionableSuffix();
    questionableUnless = spec.console().questionableUnless();

    limits = spec.reports();
    leadInMarkers = List.copyOf(limits.leadInMarkers());
    endMarkers = List.copyOf(limits.endMarkers());
    continuations = List.copyOf(limits.continuations());
    interruptions = List.copyOf(limits.interruptions());
    ignoredLines = List.copyOf(limits.ignoredLines());
    trailerPatterns = List.copyOf(limits.trailers().patterns());
    for (String content : limits.contentLines()) {
      if (!content.startsWith("^")) {
        throw new IllegalArgumentException(source + ": reports.contentLines must start with ^: " + content);
      }
    }
    // one regex per entry rather than their alternation: each is turned down by the first
    // character or the literal a line lacks, and most lines lack them
    List<Pattern> content = c.regexes("reports.contentLines", limits.contentLines());
    contentLines = new LineStartRegex[content.size()];
    contentLiterals = new String[content.size()][];
    for (int i = 0; i < contentLines.length; i++) {
      contentLines[i] = new LineStartRegex(content.get(i));
      contentLiterals[i] = c.literalsOf(content.get(i));
    }

    var stacks = spec.stacks();
    stackStarts = c.regexes("stacks.starts", stacks.starts());
    stackStartLiterals = java.util.Collections.unmodifiableList(
        stacks.starts().stream().map(RequiredLiteral::of).collect(java.util.stream.Collectors.toList()));
    frameLines = c.regexes("stacks.frames", stacks.frames());
    frameAnchored = new boolean[frameLines.size()];
    frameLiterals = new String[frameLines.size()];
    for (int i = 0; i < frameAnchored.length; i++) {
      frameAnchored[i] = frameLines.get(i).pattern().startsWith("^");
      frameLiterals[i] = RequiredLiteral.ofPattern(frameLines.get(i));
    }
    corruptedLines = c.patternSet("stacks.corruptedLines", stacks.corruptedLines());
    stripPrefixes = List.copyOf(stacks.stripPrefixes());
    stallAnchors = c.patternSet("stacks.stallAnchors", stacks.stallAnchors());
    stallSelfAnchors = List.copyOf(stacks.stallSelfAnchors());
    hangAnchors = Map.copyOf(stacks.hangAnchors());
    hangSkip = List.copyOf(stacks.hangSkip());

    maxTitleLength = spec.titles().maxLength();
    corruptedTitles = c.patternSet("titles.corrupted", spec.titles().corrupted());
    List<Map.Entry<Pattern, String>> replacements = new ArrayList<>();
    for (var r : spec.titles().replacements()) {
      replacements.add(Map.entry(c.regex("titles.replacements", r.match()), r.with()));
    }
    titleReplacements = List.copyOf(replacements);

    kernelVersion = c.regex("kernel.version", spec.kernel().version());
    kernelVersionLiterals = c.literalsOf(kernelVersion);
    taint = c.regex("kernel.taint", spec.kernel().taint());

    List<Group> compiled = new ArrayList<>();
    for (GroupSpec g : spec.groups()) {
      compiled.add(c.group(g, stacks.skip()));
    }
    groups = List.copyOf(compiled);
  }

  /**
   * A console prefix regex; {@code hasCaller} when it has the group naming the printk caller;
   * {@code literal} is text a line must contain for the regex to match, or null.
   */
  record ConsolePrefix(Pattern pattern, boolean hasCaller, String literal) {
    static final String CALLER = "caller";
  }

  /** The table shipped with lifelab ({@code kernel-messages.yaml}), loaded once. */
  public static KernelMessageTable defaultTable() {
    KernelMessageTable table = defaultTable;
    if (table == null) {
      synchronized (KernelMessageTable.class) {
        table = defaultTable;
        if (table == null) {
          try (InputStream in = KernelMessageTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            }
            table = loadDefault(in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          defaultTable = table;
        }
      }
    }
    return table;
  }

  /**
   * The shipped table is read by the small reader of {@link TableYaml}, which starts in a
   * fraction of the time of the general YAML binder; the binder stays in charge of other tables
   * and of anything the small reader does not handle.
   */
  private static KernelMessageTable loadDefault(byte[] yaml) throws IOException {
    TableSpec spec;
    try {
      spec = TableYaml.read(new String(yaml, java.nio.charset.StandardCharsets.UTF_8), TableSpec.class);
    } catch (TableYaml.Unsupported e) {
      return load(new java.io.ByteArrayInputStream(yaml), DEFAULT_RESOURCE);
    }
    return new KernelMessageTable(spec, DEFAULT_RESOURCE);
  }

  /** The table as the general YAML binder reads it (for tests that compare the two readers). */
  static TableSpec jacksonSpec(InputStream in) throws IOException {
    ObjectMapper yaml =
        YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    return yaml.readValue(in, TableSpec.class);
  }

  /** Loads a table from a YAML file with the layout of {@code kernel-messages.yaml}. */
  public static KernelMessageTable load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    }
  }

  /**
   * Loads a table from YAML.
   *
   * @throws IllegalArgumentException if a regex does not compile or a field is unknown
   */
  public static KernelMessageTable load(InputStream in, String sourceName) throws IOException {
    TableSpec spec;
    try {
      spec = jacksonSpec(in);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(sourceName + ": " + e.getOriginalMessage(), e);
    }
    return new KernelMessageTable(spec, sourceName);
  }

  /**
   * The groups (1...) of the first stack-frame regex that matches the line, some of them null;
   * null when the line is not a stack frame.
   */
  String[] frameGroups(String line) {
    for (int i = 0; i < frameLines.size(); i++) {
      if (frameLiterals[i] != null && !line.contains(frameLiterals[i])) {
        continue;
      }
      Matcher m = frameLines.get(i).matcher(line);
      // an anchored regex can only match at the start: lookingAt skips trying every position
      if (frameAnchored[i] ? m.lookingAt() : m.find()) {
        String[] groups = new String[m.groupCount()];
        for (int g = 0; g < groups.length; g++) {
          groups[g] = m.group(g + 1);
        }
        return groups;
      }
    }
    return null;
  }

  /** Whether a line (without console prefix) is report content: a contentLines regex matches its start. */
  boolean isContentLine(String text) {
    for (int i = 0; i < contentLines.length; i++) {
      if (contentLines[i].mayMatch(text) && PatternSet.mayMatch(text, contentLiterals[i])
          && contentLines[i].pattern().matcher(text).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** The header literals of all groups and lead-in markers: what the byte prefilter looks for. */
  List<String> literalsOfInterest() {
    List<String> literals = new ArrayList<>(leadInMarkers);
    for (Group g : groups) {
      literals.add(g.header());
    }
    return literals;
  }
}
