package dev.lifelab.plan;

import java.util.Map;

/**
 * Refuses to unbind the devices lifelab itself depends on (the console, the NIC that carries
 * SSH) or anything above them in the device tree.
 *
 * @param carriers real sysfs path of each infrastructure device → what it carries
 */
public record InfrastructureGuard(Map<String, String> carriers) {

  /** Null when {@code devicePath} may be unbound, else why not. */
  public String refusal(String devicePath) {
    for (Map.Entry<String, String> e : carriers.entrySet()) {
      if (e.getKey().equals(devicePath) || e.getKey().startsWith(devicePath + "/")) {
        return "it carries " + e.getValue() + " (" + e.getKey() + "); lifelab would lose the target";
      }
    }
    return null;
  }
}
