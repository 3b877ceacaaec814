package dev.lifelab.plan;

import dev.lifelab.common.Checked;
import dev.lifelab.common.Checks;
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
    String childDriver) implements Checked {

  private static final String WORD = "[A-Za-z0-9_.:+-]+";

  @Override
  public void check(Checks c) {
    c.require((bus == null) != (deviceClass == null), null,
            "give exactly one of 'bus' (a bus device) or 'class' (a class device)")
        .require(bus == null || bus.matches(WORD), "bus", "is not a sysfs name")
        .require(deviceClass == null || deviceClass.matches(WORD), "class", "is not a sysfs name")
        .require(driver == null || driver.matches(WORD), "driver", "is not a sysfs name")
        .require(childDriver == null || childDriver.matches(WORD), "child-driver", "is not a sysfs name")
        .require(name == null || name.matches("[A-Za-z0-9_.:+*?\\[\\]-]+"), "name", "is not a device name or glob")
        .require(driver == null || deviceClass == null, "driver", "applies to bus devices; class devices have none");
  }

  public boolean isBusDevice() {
    return bus != null;
  }
}
