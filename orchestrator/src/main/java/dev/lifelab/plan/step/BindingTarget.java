package dev.lifelab.plan.step;

/**
 * The device an unbind or bind step acts on: a plan device ({@code device: smbus}) or an
 * explicit bus, driver and device name.
 */
public record BindingTarget(String device, String bus, String driver, String name) {
  static BindingTarget of(String device, String bus, String driver, String name) {
    if (device != null) {
      Steps.require(bus == null && driver == null && name == null,
          "give either device (a plan device) or bus, driver and name, not both");
    } else {
      Steps.require(bus != null && driver != null && name != null,
          "say which device: device (a plan device) or bus, driver and name");
      Steps.require(bus.matches("[A-Za-z0-9_.:+-]+") && driver.matches("[A-Za-z0-9_.:+-]+"),
          "bus and driver must be sysfs names");
    }
    return new BindingTarget(device, bus, driver, name);
  }

  String describe() {
    return device != null ? device : bus + "/" + driver + "/" + name;
  }
}
