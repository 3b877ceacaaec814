package dev.lifelab.plan;

import com.fasterxml.jackson.core.JsonLocation;
import dev.lifelab.common.Hashing;
import dev.lifelab.common.YamlFiles;
import dev.lifelab.plan.step.Step;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan loaded and checked before anything runs: YAML errors, and references between its parts
 * (a close of a holder never opened, a device the plan does not define), name the file, line,
 * column and field.
 */
public record PlanFile(Path file, Plan plan, String hash) {
  private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)\\.([a-z]+)\\}");
  private static final Set<String> ATTRIBUTES = Set.of("name", "path", "bus", "driver", "node");

  public static PlanFile load(Path file) {
    Plan plan = YamlFiles.load(file, Plan.class);
    Map<String, JsonLocation> where = YamlFiles.locations(file);
    String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (!plan.name().equals(base)) {
      throw YamlFiles.error(file, where, "name", "'" + plan.name() + "' differs from the file name '" + base + "'");
    }
    for (Map.Entry<String, DeviceSelector> e : plan.devices().entrySet()) {
      String path = "devices." + e.getKey();
      for (String ref : new String[] {e.getValue().parent(), e.getValue().child()}) {
        if (ref != null && !plan.devices().containsKey(ref)) {
          throw YamlFiles.error(file, where, path, "refers to device '" + ref + "', which the plan does not define");
        }
      }
    }
    try {
      DeviceResolver.order(plan.devices());
    } catch (IllegalArgumentException e) {
      throw YamlFiles.error(file, where, "devices", e.getMessage());
    }
    Set<String> open = new HashSet<>();
    List<Step> steps = plan.allSteps();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      int n = plan.steps().size();
      String path = i < n ? "steps[" + i + "]" : "cleanup[" + (i - n) + "]";
      for (String ref : s.deviceRefs()) {
        if (!plan.devices().containsKey(ref)) {
          throw YamlFiles.error(file, where, path + ".device", "unknown device '" + ref + "' (the plan defines: "
              + plan.devices().keySet() + ")");
        }
      }
      for (String text : s.templates()) {
        Matcher m = TEMPLATE.matcher(text);
        while (m.find()) {
          if (!plan.devices().containsKey(m.group(1))) {
            throw YamlFiles.error(file, where, path, "template ${" + m.group(1) + "." + m.group(2)
                + "} names an unknown device (the plan defines: " + plan.devices().keySet() + ")");
          }
          if (!ATTRIBUTES.contains(m.group(2))) {
            throw YamlFiles.error(file, where, path, "template ${" + m.group(1) + "." + m.group(2)
                + "}: a device has " + ATTRIBUTES);
          }
        }
      }
      if (s.uses() != null && !open.contains(s.uses())) {
        throw YamlFiles.error(file, where, path, "holder '" + s.uses() + "' is not open at this step");
      }
      if (s.opens() != null && !open.add(s.opens())) {
        throw YamlFiles.error(file, where, path + ".name", "holder '" + s.opens() + "' is already open");
      }
      if (s.type().equals("close")) {
        open.remove(s.uses());
      }
    }
    return new PlanFile(file.toAbsolutePath(), plan, Hashing.shortSha256(file));
  }
}
