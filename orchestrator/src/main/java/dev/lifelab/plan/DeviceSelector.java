package dev.lifelab.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device named by what it is, resolved on the target through sysfs, e.g. "the i2c-dev node
 * whose parent is the PCI device bound to i801_smbus" or "the virtio-mmio device that carries
 * virtio_rng".
 *
 * @param bus bus of a bus device ({@code pci}, {@code platform}, {@code pnp}, ...)
 * @param deviceClass class of a class device ({@code i2c-dev}, {@code tty}, {@code mtd}, ...)
 * @param driver the driver the bus device is bound to
 * @param name the device's name, or a glob ({@code ttyS1}, {@code mtd*ro})
 * @param parent another device of the plan that this one lies beneath
 * @param child another device of the plan that lies beneath this one
 * @param childDriver a driver bound to some device beneath this one
 */
public record DeviceSelector(
    String bus,
    @JsonProperty("class") String deviceClass,
    String driver,
    String name,
    String parent,
    String child,
    String childDriver) {

  private static final String WORD = "[A-Za-z0-9_.:+-]+";

  @JsonCreator
  public DeviceSelector {
    if ((bus == null) == (deviceClass == null)) {
      throw new IllegalArgumentException("give exactly one of 'bus' (a bus device) or 'class' (a class device)");
    }
    checkWord("bus", bus);
    checkWord("class", deviceClass);
    checkWord("driver", driver);
    checkWord("child-driver", childDriver);
    if (name != null && !name.matches("[A-Za-z0-9_.:+*?\\[\\]-]+")) {
      throw new IllegalArgumentException("name '" + name + "' is not a device name or glob");
    }
    if (driver != null && deviceClass != null) {
      throw new IllegalArgumentException("'driver' applies to bus devices; class devices have none");
    }
  }

  private static void checkWord(String field, String value) {
    if (value != null && !value.matches(WORD)) {
      throw new IllegalArgumentException(field + " '" + value + "' is not a sysfs name");
    }
  }

  public boolean isBusDevice() {
    return bus != null;
  }
}
