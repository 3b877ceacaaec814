package dev.lifelab.plan.step;

import dev.lifelab.common.Checks;

/**
 * The device an unbind or bind step acts on: a plan device ({@code device: smbus}) or an
 * explicit bus, driver and device name.
 */
public record BindingTarget(String device, String bus, String driver, String name) {
  static void check(Checks c, String device, String bus, String driver, String name) {
    if (device != null) {
      c.require(bus == null && driver == null && name == null, "device",
          "give either device (a plan device) or bus, driver and name, not both");
    } else {
      c.require(bus != null && driver != null && name != null, null,
              "say which device: device (a plan device) or bus, driver and name")
          .require(bus.matches("[A-Za-z0-9_.:+-]+"), "bus", "must be a sysfs name")
          .require(driver.matches("[A-Za-z0-9_.:+-]+"), "driver", "must be a sysfs name");
    }
  }

  static BindingTarget of(String device, String bus, String driver, String name) {
    return new BindingTarget(device, bus, driver, name);
  }

  String describe() {
    return device != null ? device : bus + "/" + driver + "/" + name;
  }
}
