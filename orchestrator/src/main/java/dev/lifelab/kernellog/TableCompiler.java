package dev.lifelab.kernellog;

import dev.lifelab.kernellog.ReportFormat.FrameRule;
import dev.lifelab.kernellog.ReportFormat.Group;
import dev.lifelab.kernellog.ReportFormat.Part;
import dev.lifelab.kernellog.ReportFormat.Pick;
import dev.lifelab.kernellog.ReportFormat.RegexPart;
import dev.lifelab.kernellog.ReportFormat.SkipList;
import dev.lifelab.kernellog.ReportFormat.StackPart;
import dev.lifelab.kernellog.TableSpec.FormatSpec;
import dev.lifelab.kernellog.TableSpec.FrameSpec;
import dev.lifelab.kernellog.TableSpec.GroupSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the table's regexes, expanding macros, with errors that say where. */
final class TableCompiler {
  private static final Pattern MACRO = Pattern.compile("\\{\\{([A-Z_]+)}}");
  private static final String STACK_PART = "STACK";

  private final Map<String, String> macros;
  private final String source;
  /**
   * Regexes by their text as written and as expanded: formats share many (stack parts, skip
   * lists), and each skip list is made for several formats.
   */
  private final Map<String, Pattern> compiled = new HashMap<>();
  private final Map<String, Pattern> written = new HashMap<>();
  /** What {@link RequiredLiteral#anyOfPattern} says of each regex (null values included). */
  private final Map<Pattern, String[]> literals = new IdentityHashMap<>();
  /** The skip list for each choice of skip sets left out and own additions, made once. */
  private final Map<List<Object>, SkipList> skipLists = new HashMap<>();

  TableCompiler(Map<String, String> macros, String source) {
    this.macros = macros == null ? Map.of() : macros;
    this.source = source;
  }

  Pattern regex(String where, String regex) {
    if (regex == null) {
      throw new IllegalArgumentException(source + ": " + where + " is missing");
    }
    Pattern known = written.get(regex);
    if (known != null) {
      return known;
    }
    String expanded = expand(where, regex, new HashSet<>());
    known = compiled.get(expanded);
    if (known != null) {
      written.put(regex, known);
      return known;
    }
    try {
      Pattern p = Pattern.compile(expanded);
      compiled.put(expanded, p);
      written.put(regex, p);
      return p;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          source + ": " + where + ": bad regex " + regex + ": " + e.getDescription(), e);
    }
  }

  List<Pattern> regexes(String where, List<String> list) {
    List<Pattern> out = new ArrayList<>();
    for (String r : list == null ? List.<String>of() : list) {
      out.add(regex(where, r));
    }
    return List.copyOf(out);
  }

  PatternSet patternSet(String where, List<String> list) {
    return new PatternSet(regexes(where, list), this::literalsOf);
  }

  String[] literalsOf(Pattern p) {
    if (!literals.containsKey(p)) {
      literals.put(p, RequiredLiteral.anyOfPattern(p));
    }
    return literals.get(p);
  }

  private String expand(String where, String regex, Set<String> expanding) {
    Matcher m = MACRO.matcher(regex);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String body = macros.get(name);
      if (body == null) {
        throw new IllegalArgumentException(source + ": " + where + ": unknown macro {{" + name + "}}");
      }
      if (!expanding.add(name)) {
        throw new IllegalArgumentException(source + ": macro {{" + name + "}} refers to itself");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(expand(where, body, expanding)));
      expanding.remove(name);
    }
    m.appendTail(out);
    return out.toString();
  }

  Group group(GroupSpec g, LinkedHashMap<String, List<String>> skipSets) {
    String where = "group '" + g.header() + "'";
    if (g.formats() == null || g.formats().isEmpty()) {
      throw new IllegalArgumentException(source + ": " + where + " has no formats");
    }
    if (g.kind() == null) {
      throw new IllegalArgumentException(source + ": " + where + " needs a kind");
    }
    List<ReportFormat> formats = new ArrayList<>();
    for (FormatSpec f : g.formats()) {
      formats.add(format(where + ", format '" + f.title() + "'", f, g.kind(), skipSets));
    }
    return new Group(g.header(), g.kind(), regexes(where + ".suppress", g.suppress()), g.leadIn(),
        List.copyOf(formats));
  }

  private ReportFormat format(String where, FormatSpec f, String groupKind,
      LinkedHashMap<String, List<String>> skipSets) {
    if (f.title() == null) {
      throw new IllegalArgumentException(source + ": " + where + " needs a title");
    }
    Pattern details = f.details() == null ? null : regex(where + ".details", f.details());
    FrameRule frames = f.stack() == null ? null : frameRule(where + ".stack", f.stack(), skipSets);
    if (frames == null && f.title().contains("{frame}")) {
      throw new IllegalArgumentException(source + ": " + where + " uses {frame} without a stack");
    }
    Pattern match = regex(where + ".match", f.match());
    return new ReportFormat(f.kind() == null ? groupKind : f.kind(), match, details, f.title(),
        frames, f.noStack(), f.corrupted(), ReportFormat.withinLines(match));
  }

  private FrameRule frameRule(String where, FrameSpec s, LinkedHashMap<String, List<String>> skipSets) {
    Set<String> kept = new HashSet<>(s.keep() == null ? List.of() : s.keep());
    for (String name : kept) {
      if (!skipSets.containsKey(name)) {
        throw new IllegalArgumentException(source + ": " + where + ": unknown skip set " + name);
      }
    }
    List<String> shared = new ArrayList<>();
    skipSets.forEach((name, frames) -> {
      if (!kept.contains(name)) {
        shared.addAll(frames);
      }
    });
    List<String> own = s.skip() == null ? List.of() : s.skip();
    SkipList skip = skipLists.computeIfAbsent(List.of(kept, own), k -> new SkipList(
        shared.isEmpty() ? null : patternSet("stacks.skip", shared),
        own.isEmpty() ? null : patternSet(where + ".skip", own)));
    Pick pick = s.pick() == null ? Pick.FIRST : Pick.valueOf(s.pick().toUpperCase());
    return new FrameRule(parts(where + ".parts", s.parts()), parts(where + ".fallback", s.fallback()),
        skip, pick);
  }

  private List<Part> parts(String where, List<String> specs) {
    List<Part> parts = new ArrayList<>();
    for (String p : specs == null ? List.<String>of() : specs) {
      if (STACK_PART.equals(p)) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof StackPart) {
          throw new IllegalArgumentException(source + ": " + where + ": two STACK parts in a row");
        }
        parts.add(new StackPart());
      } else {
        Pattern regex = regex(where, p);
        parts.add(new RegexPart(regex, literalsOf(regex)));
      }
    }
    return List.copyOf(parts);
  }
}
