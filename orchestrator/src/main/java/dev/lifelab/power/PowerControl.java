package dev.lifelab.power;

/** Switches a target's power: a relay or PDU for boards, QMP for QEMU. */
public interface PowerControl {
  void on() throws PowerException;

  void off() throws PowerException;

  /** Off, then on: the last resort when the kernel is hung or crashed. */
  default void cycle() throws PowerException {
    off();
    on();
  }
}
