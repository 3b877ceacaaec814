package dev.lifelab.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plan device found on the target.
 *
 * @param key the plan's name for it
 * @param name sysfs name ({@code 0000:00:1f.3}, {@code i2c-0}, {@code 0.flash})
 * @param path real sysfs path under /sys/devices
 * @param bus bus of a bus device, or the bus of a class device's parent
 * @param driver driver bound at resolution time, or null
 * @param node {@code /dev/NAME} of a class device when it exists, or null
 */
public record ResolvedDevice(String key, String name, String path, String bus, String driver, String node) {

  /** Values usable in templates as {@code ${key.attribute}}. */
  public Map<String, String> attributes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("path", path);
    if (bus != null) {
      m.put("bus", bus);
    }
    if (driver != null) {
      m.put("driver", driver);
    }
    if (node != null) {
      m.put("node", node);
    }
    return m;
  }
}
