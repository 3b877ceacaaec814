package dev.lifelab.target;

/** The stages of bringing a target up, named in errors so the user knows where it stopped. */
public enum BootStage {
  KERNEL("kernel fetch/build"),
  IMAGE("guest image"),
  POWER("power on"),
  EMULATOR_START("QEMU start"),
  CONSOLE("serial console"),
  NO_CONSOLE_OUTPUT("no console output"),
  BOOTLOADER("bootloader"),
  TFTP("TFTP load"),
  KERNEL_START("kernel start"),
  KERNEL_PANIC("kernel panic"),
  TARGET_DIED("target died during boot"),
  SSH_TIMEOUT("SSH timeout");

  private final String label;

  BootStage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
