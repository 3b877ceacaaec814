package dev.lifelab.plan;

import dev.lifelab.common.NaturalOrder;
import dev.lifelab.target.CommandResult;
import dev.lifelab.target.Shell;
import dev.lifelab.target.ShellException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds a plan's devices on the target by reading sysfs once. */
public final class DeviceResolver {
  /** A device failed to resolve; the message says what sysfs has instead. */
  public static final class NotFound extends Exception {
    NotFound(String message) {
      super(message);
    }
  }

  private record Entry(String name, String path, String bus, String driver, String node) {}

  private DeviceResolver() {}

  public static Map<String, ResolvedDevice> resolve(Map<String, DeviceSelector> selectors, Shell shell)
      throws ShellException, NotFound {
    if (selectors.isEmpty()) {
      return Map.of();
    }
    Set<String> buses = new LinkedHashSet<>();
    Set<String> classes = new LinkedHashSet<>();
    Set<String> drivers = new LinkedHashSet<>();
    for (DeviceSelector s : selectors.values()) {
      if (s.bus() != null) {
        buses.add(s.bus());
      }
      if (s.deviceClass() != null) {
        classes.add(s.deviceClass());
      }
      if (s.childDriver() != null) {
        drivers.add(s.childDriver());
      }
    }
    StringBuilder script = new StringBuilder();
    for (String b : buses) {
      script.append("echo '@bus ").append(b).append("'; for d in /sys/bus/").append(ShellQuote.quote(b))
          .append("/devices/*; do [ -e \"$d\" ] || continue; dr=; [ -e \"$d/driver\" ] && dr=$(readlink -f \"$d/driver\");")
          .append(" echo \"${d##*/}|$(readlink -f \"$d\")|${dr##*/}\"; done; ");
    }
    for (String c : classes) {
      script.append("echo '@class ").append(c).append("'; for d in /sys/class/").append(ShellQuote.quote(c))
          .append("/*; do [ -e \"$d\" ] || continue; n=${d##*/}; b=; dr=; nd=;")
          .append(" [ -e \"$d/device/subsystem\" ] && b=$(readlink -f \"$d/device/subsystem\");")
          .append(" [ -e \"$d/device/driver\" ] && dr=$(readlink -f \"$d/device/driver\");")
          .append(" [ -e \"/dev/$n\" ] && nd=/dev/$n;")
          .append(" echo \"$n|$(readlink -f \"$d\")|${b##*/}|${dr##*/}|$nd\"; done; ");
    }
    for (String d : drivers) {
      script.append("echo '@driver ").append(d).append("'; for d in /sys/bus/*/drivers/").append(ShellQuote.quote(d))
          .append("/*; do [ -L \"$d\" ] && [ -e \"$d/uevent\" ] && readlink -f \"$d\"; done; ");
    }
    CommandResult r = shell.run(script.toString(), Duration.ofSeconds(60));
    Map<String, List<Entry>> sections = new LinkedHashMap<>();
    List<Entry> current = null;
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("@")) {
        current = new ArrayList<>();
        sections.put(line.substring(1), current);
      } else if (current != null && !line.isBlank()) {
        String[] f = line.split("\\|", -1);
        if (f.length == 3) {
          current.add(new Entry(f[0], f[1], null, empty(f[2]), null));
        } else if (f.length == 5) {
          current.add(new Entry(f[0], f[1], empty(f[2]), empty(f[3]), empty(f[4])));
        } else {
          current.add(new Entry(f[0], f[0], null, null, null));
        }
      }
    }
    Map<String, ResolvedDevice> resolved = new LinkedHashMap<>();
    for (String key : order(selectors)) {
      resolved.put(key, resolveOne(key, selectors.get(key), sections, resolved));
    }
    return resolved;
  }

  private static ResolvedDevice resolveOne(String key, DeviceSelector s, Map<String, List<Entry>> sections,
      Map<String, ResolvedDevice> done) throws NotFound {
    String section = s.bus() != null ? "bus " + s.bus() : "class " + s.deviceClass();
    List<Entry> all = sections.getOrDefault(section, List.of());
    List<Entry> matches = new ArrayList<>();
    Pattern name = s.name() == null ? null : glob(s.name());
    List<Entry> children = s.childDriver() == null ? List.of()
        : sections.getOrDefault("driver " + s.childDriver(), List.of());
    for (Entry e : all) {
      if (s.driver() != null && !s.driver().equals(e.driver())) {
        continue;
      }
      if (name != null && !name.matcher(e.name()).matches()) {
        continue;
      }
      if (s.parent() != null && !e.path().startsWith(done.get(s.parent()).path() + "/")) {
        continue;
      }
      if (s.child() != null && !done.get(s.child()).path().startsWith(e.path() + "/")) {
        continue;
      }
      if (s.childDriver() != null && children.stream().noneMatch(c -> c.path().startsWith(e.path() + "/"))) {
        continue;
      }
      matches.add(e);
    }
    if (matches.isEmpty()) {
      List<String> names = all.stream().map(Entry::name).toList();
      throw new NotFound("device '" + key + "' not found: no " + section + " device" + describe(s, done)
          + (all.isEmpty() ? " (sysfs has no " + section + " devices: driver or module missing?)"
              : " (" + section + " has: " + String.join(", ", names.subList(0, Math.min(12, names.size()))) + ")"));
    }
    matches.sort(Comparator.comparing(Entry::name, NaturalOrder.INSTANCE));
    Entry e = matches.get(0);
    return new ResolvedDevice(key, e.name(), e.path(), s.bus() != null ? s.bus() : e.bus(), e.driver(), e.node());
  }

  private static String describe(DeviceSelector s, Map<String, ResolvedDevice> done) {
    List<String> parts = new ArrayList<>();
    if (s.driver() != null) {
      parts.add("bound to " + s.driver());
    }
    if (s.name() != null) {
      parts.add("named " + s.name());
    }
    if (s.parent() != null) {
      parts.add("beneath " + done.get(s.parent()).name());
    }
    if (s.child() != null) {
      parts.add("above " + done.get(s.child()).name());
    }
    if (s.childDriver() != null) {
      parts.add("with a child bound to " + s.childDriver());
    }
    return parts.isEmpty() ? "" : " " + String.join(", ", parts);
  }

  /** Devices in an order where every parent/child reference is resolved first. */
  static List<String> order(Map<String, DeviceSelector> selectors) {
    List<String> ordered = new ArrayList<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (String key : selectors.keySet()) {
      visit(key, selectors, ordered, visiting);
    }
    return ordered;
  }

  private static void visit(String key, Map<String, DeviceSelector> selectors, List<String> ordered, Set<String> visiting) {
    if (ordered.contains(key)) {
      return;
    }
    if (!visiting.add(key)) {
      throw new IllegalArgumentException("devices refer to each other in a circle: " + visiting);
    }
    DeviceSelector s = selectors.get(key);
    for (String ref : new String[] {s.parent(), s.child()}) {
      if (ref != null) {
        visit(ref, selectors, ordered, visiting);
      }
    }
    visiting.remove(key);
    ordered.add(key);
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[', ']' -> re.append(c);
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String empty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
