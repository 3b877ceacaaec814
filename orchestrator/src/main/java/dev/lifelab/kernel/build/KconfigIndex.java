package dev.lifelab.kernel.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each Kconfig symbol is defined for one architecture, with what it depends on (its own
 * {@code depends on} plus those of the enclosing {@code if}, {@code menu} and {@code choice}
 * blocks, across {@code source} statements) and whether it has a prompt a fragment can set.
 * Read from the kernel tree itself, starting at its top-level Kconfig as Kconfig does.
 */
public final class KconfigIndex {

  /** One definition of a symbol (a symbol may be defined in several places). */
  record Definition(String symbol, String where, List<String> depends, boolean hasPrompt,
      List<String> promptConditions) {}

  private static final Pattern ENTRY = Pattern.compile("^(menuconfig|config)\\s+([A-Za-z0-9_]+)\\s*$");
  private static final Pattern SOURCE = Pattern.compile("^(o?r?source)\\s+\"([^\"]+)\"\\s*$");
  private static final Pattern TYPE_PROMPT =
      Pattern.compile("^(bool|tristate|int|hex|string|prompt)\\s+\"[^\"]*\"(?:\\s+if\\s+(.+))?$");

  private final Map<String, List<Definition>> defs = new HashMap<>();
  /** symbol -> the symbols whose {@code select} lines name it */
  private final Map<String, List<String>> selectors = new HashMap<>();
  private final Path root;
  private final Map<String, String> vars;

  private KconfigIndex(Path root, Map<String, String> vars) {
    this.root = root;
    this.vars = vars;
  }

  /**
   * Indexes the tree at {@code sourceTree} for a kernel {@code ARCH} (arm64, x86_64, ...).
   */
  public static KconfigIndex load(Path sourceTree, String kernelArch) {
    String srcArch = kernelArch.equals("x86_64") || kernelArch.equals("i386") ? "x86" : kernelArch;
    KconfigIndex idx = new KconfigIndex(sourceTree,
        Map.of("SRCARCH", srcArch, "ARCH", kernelArch, "HEADER_ARCH", srcArch));
    idx.parseFile(sourceTree.resolve("Kconfig"), new ArrayDeque<>(), 0);
    return idx;
  }

  List<Definition> definitions(String symbol) {
    return defs.getOrDefault(symbol, List.of());
  }

  /** Symbols that {@code select} this one (and so can force it on). */
  List<String> selectors(String symbol) {
    return selectors.getOrDefault(symbol, List.of());
  }

  boolean isDefined(String symbol) {
    return defs.containsKey(symbol);
  }

  /** A block ({@code if}, {@code menu}, {@code choice}) whose conditions apply to its entries. */
  private static final class Block {
    final String kind;
    final List<String> conditions = new ArrayList<>();

    Block(String kind) {
      this.kind = kind;
    }
  }

  /** The entry whose attribute lines are being read. */
  private static final class Entry {
    final String symbol; // null for menus, choices and comments
    final String where;
    final List<String> depends = new ArrayList<>();
    final List<String> promptConditions = new ArrayList<>();
    final Block block; // a menu or choice collects its "depends on" here
    boolean hasPrompt;

    Entry(String symbol, String where, Block block) {
      this.symbol = symbol;
      this.where = where;
      this.block = block;
    }
  }

  private void parseFile(Path file, Deque<Block> blocks, int depth) {
    if (depth > 40 || !Files.isRegularFile(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String rel = root.relativize(file).toString();
    Entry entry = null;
    int helpIndent = -1; // >= 0 while inside help text
    boolean inHelp = false;
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      int lineNo = i + 1;
      if (inHelp) {
        if (raw.isBlank()) {
          continue;
        }
        int indent = indentOf(raw);
        if (helpIndent < 0) {
          helpIndent = indent;
          continue;
        }
        if (indent >= helpIndent) {
          continue;
        }
        inHelp = false;
      }
      // join continuation lines
      StringBuilder sb = new StringBuilder(raw);
      while (sb.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
        String s = sb.toString().stripTrailing();
        sb.setLength(0);
        sb.append(s, 0, s.length() - 1).append(' ').append(lines.get(++i));
      }
      String line = stripComment(sb.toString()).strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = ENTRY.matcher(line)).matches()) {
        finish(entry, blocks);
        entry = new Entry(m.group(2), rel + ":" + lineNo, null);
      } else if (line.startsWith("if ") || line.equals("if")) {
        finish(entry, blocks);
        entry = null;
        Block b = new Block("if");
        b.conditions.add(line.substring(2).strip());
        blocks.push(b);
      } else if (line.startsWith("menu ") || line.equals("choice") || line.startsWith("choice ")) {
        finish(entry, blocks);
        Block b = new Block(line.startsWith("menu") ? "menu" : "choice");
        blocks.push(b);
        entry = new Entry(null, rel + ":" + lineNo, b);
      } else if (line.equals("endif") || line.equals("endmenu") || line.equals("endchoice")) {
        finish(entry, blocks);
        entry = null;
        if (!blocks.isEmpty()) {
          blocks.pop();
        }
      } else if (line.startsWith("comment ") || line.startsWith("mainmenu ")) {
        finish(entry, blocks);
        entry = new Entry(null, rel + ":" + lineNo, null);
      } else if ((m = SOURCE.matcher(line)).matches()) {
        finish(entry, blocks);
        entry = null;
        String path = substitute(m.group(2));
        // rsource and orsource are relative to the including file
        Path base = m.group(1).matches("o?rsource") ? file.getParent() : root;
        for (Path p : expand(base, path)) {
          parseFile(p, blocks, depth + 1);
        }
      } else if (entry != null) {
        if (line.equals("help") || line.equals("---help---")) {
          inHelp = true;
          helpIndent = -1;
        } else if (line.startsWith("depends on ")) {
          String cond = line.substring("depends on ".length()).strip();
          if (entry.block != null) {
            entry.block.conditions.add(cond);
          } else {
            entry.depends.add(cond);
          }
        } else if (line.startsWith("select ") && entry.symbol != null) {
          String target = line.substring("select ".length()).strip().split("\\s+")[0];
          selectors.computeIfAbsent(target, k -> new ArrayList<>()).add(entry.symbol);
        } else if ((m = TYPE_PROMPT.matcher(line)).matches()) {
          entry.hasPrompt = true;
          if (m.group(2) != null) {
            entry.promptConditions.add(substitute(m.group(2)).strip());
          }
        }
      }
    }
    finish(entry, blocks);
  }

  /** Records a finished config entry with the conditions of every enclosing block. */
  private void finish(Entry e, Deque<Block> blocks) {
    if (e == null || e.symbol == null) {
      return;
    }
    List<String> all = new ArrayList<>();
    // outermost first, as a reader of the Kconfig files would list them
    blocks.descendingIterator().forEachRemaining(b -> {
      if (b != e.block) {
        all.addAll(b.conditions);
      }
    });
    all.addAll(e.depends);
    defs.computeIfAbsent(e.symbol, k -> new ArrayList<>())
        .add(new Definition(e.symbol, e.where, List.copyOf(all), e.hasPrompt,
            List.copyOf(e.promptConditions)));
  }

  private String substitute(String s) {
    String out = s;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      out = out.replace("$(" + v.getKey() + ")", v.getValue());
    }
    return out;
  }

  private static List<Path> expand(Path base, String path) {
    if (!path.contains("*") && !path.contains("?")) {
      return List.of(base.resolve(path));
    }
    // wildcards are only used in the last path component in practice
    Path p = base.resolve(path);
    Path dir = p.getParent();
    List<Path> out = new ArrayList<>();
    if (dir != null && Files.isDirectory(dir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
        ds.forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.sort(null);
    return out;
  }

  private static int indentOf(String s) {
    int n = 0;
    for (char c : s.toCharArray()) {
      if (c == ' ') {
        n++;
      } else if (c == '\t') {
        n = (n / 8 + 1) * 8;
      } else {
        break;
      }
    }
    return n;
  }

  /** Removes a {@code #} comment that is not inside a quoted string. */
  private static String stripComment(String s) {
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return s.substring(0, i);
      }
    }
    return s;
  }
}
